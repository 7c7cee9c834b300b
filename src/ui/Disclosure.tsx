import type { ComponentChildren } from 'preact';

// A section a person opens when they want its detail: a native <details>, so the keyboard
// (Enter, Space) and screen readers (a button, expanded or collapsed) work as everywhere else.
// Whether it starts open comes from the page, which remembers what the person keeps open.

export interface DisclosureProps {
  /** Stable id: `data-disclosure`, the heading's id (`h-<id>`), and the key it is remembered by. */
  id: string;
  title: ComponentChildren;
  open: boolean;
  onToggle?: (id: string, open: boolean) => void;
  children: ComponentChildren;
}

export function Disclosure({ id, title, open, onToggle, children }: DisclosureProps) {
  return (
    <details
      class="disclosure"
      data-disclosure={id}
      open={open}
      onToggle={(e) => onToggle?.(id, (e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <h2 id={`h-${id}`}>{title}</h2>
      </summary>
      <div class="disclosure-body">{children}</div>
    </details>
  );
}
