// Untrusted text (URLs, hosts, error text) shown as text, wrapped anywhere and clamped to a few
// lines; the full value stays in `title` and in the copied reports.

/** Shorter values fit in a few lines, unclamped: a tooltip repeating them would only get in the way. */
const TITLE_FROM = 120;

export function Clamp({ text, class: extra }: { text: string; class?: string }) {
  const cls = extra ? `clamp ${extra}` : 'clamp';
  return (
    <span class={cls} title={text.length > TITLE_FROM ? text : undefined}>
      {text}
    </span>
  );
}
