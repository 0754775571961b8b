// Times and durations as the page shows them (in VS Code's display language).

export function formatTime(ms: number, locale = 'en'): string {
  try {
    return new Date(ms).toLocaleString(locale, { hour12: false });
  } catch {
    return new Date(ms).toISOString();
  }
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
