// Severity icons: shape as well as colour, so the verdict never rests on colour alone. They are
// decoration beside the words, hidden from assistive technology.

export type IconKind = 'secure' | 'info' | 'notice' | 'warning' | 'danger' | 'none';

const PATHS: Record<IconKind, string> = {
  // A tick in a circle.
  secure:
    'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm3.3 4.8-4 4.5a.75.75 0 0 1-1.1 0l-2-2.2 1.1-1 1.45 1.6 3.45-3.9 1.1 1Z',
  // An "i" in a circle.
  info: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm.9 11H7.1V7h1.8v5ZM8 5.9a1.1 1.1 0 1 1 0-2.2 1.1 1.1 0 0 1 0 2.2Z',
  notice:
    'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm.9 11H7.1V7h1.8v5ZM8 5.9a1.1 1.1 0 1 1 0-2.2 1.1 1.1 0 0 1 0 2.2Z',
  // An exclamation mark in a triangle.
  warning:
    'M8.87 1.5a1 1 0 0 0-1.74 0L.6 13a1 1 0 0 0 .87 1.5h13.06A1 1 0 0 0 15.4 13L8.87 1.5ZM8.9 12.2H7.1v-1.8h1.8v1.8Zm0-3H7.1V5.2h1.8v4Z',
  // An exclamation mark in an octagon, a stop sign.
  danger:
    'M5.1 1h5.8L15 5.1v5.8L10.9 15H5.1L1 10.9V5.1L5.1 1Zm3.8 10.4H7.1v1.8h1.8v-1.8Zm0-8.6H7.1v7h1.8v-7Z',
  // A dash in a circle: nothing to judge.
  none: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm3.5 7.9h-7V7.1h7v1.8Z',
};

export function Icon({ kind }: { kind: IconKind }) {
  return (
    <svg
      class="icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" fill-rule="evenodd" d={PATHS[kind]} />
    </svg>
  );
}
