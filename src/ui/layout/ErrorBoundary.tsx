// A render error must leave a readable message, never a blank page.

import { Component, type ErrorInfo, type ReactNode } from "react";
import { currentLanguage, type Strings } from "../i18n/language";

// A class component cannot use hooks: it reads the language when it shows the error.
const STRINGS: Strings<{ failed: (what: string) => string; retry: string; reload: string }> = {
  en: { failed: (what) => `${what} hit an error and could not be shown.`, retry: "Try again", reload: "Reload the page" },
  zh: { failed: (what) => `${what}出错，无法显示。`, retry: "重试", reload: "重新加载页面" },
};

interface Props {
  children: ReactNode;
  /** names the part that failed, e.g. "Output panel" */
  label?: string;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.label ?? "The page"} failed to render`, error, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const language = currentLanguage();
    const t = STRINGS[language];
    const what = this.props.label ?? (language === "zh" ? "演练场" : "The playground");
    return (
      <div className="render-error" role="alert">
        <strong>{t.failed(what)}</strong>
        <pre>{error.message}</pre>
        <div className="render-error-actions">
          <button type="button" className="button" onClick={() => this.setState({ error: null })}>
            {t.retry}
          </button>
          <button type="button" className="button" onClick={() => location.reload()}>
            {t.reload}
          </button>
        </div>
      </div>
    );
  }
}
