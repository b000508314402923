// Types for chromium-path.mjs, so playwright.config.ts typechecks (tsconfig has no allowJs).

export declare const CHROMIUM_ENV_VARS: string[];
export declare const CHROMIUM_CANDIDATES: string[];
export declare const CHROMIUM_ARGS: string[];
export declare const INSTALL_HINT: string;
export declare function locateChromium(env?: NodeJS.ProcessEnv): {
  path: string | null;
  source: string;
  tried: string[];
};
export declare function requireChromium(env?: NodeJS.ProcessEnv): string;
export declare function chromiumLaunchOptions(env?: NodeJS.ProcessEnv): {
  executablePath: string;
  args: string[];
  headless: true;
};
