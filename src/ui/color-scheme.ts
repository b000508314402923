// Light or dark, following the system (`prefers-color-scheme`). CSS follows
// it by itself; this is for what CSS cannot reach, such as Monaco's theme.

export type ColorScheme = "light" | "dark";

const query = () => window.matchMedia?.("(prefers-color-scheme: dark)");

export function currentColorScheme(): ColorScheme {
  return query()?.matches ? "dark" : "light";
}

export function onColorSchemeChange(listener: (scheme: ColorScheme) => void): () => void {
  const media = query();
  if (!media) return () => {};
  const onChange = () => listener(currentColorScheme());
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}
