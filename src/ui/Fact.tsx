import type { ComponentChildren } from 'preact';

// One labelled fact of a report (a term and its value), with a stable hook for tests.

export interface FactProps {
  label: string;
  /** Stable hook for tests and automation (`data-field`), independent of the words shown. */
  field: string;
  /** A machine-readable state beside the words (`data-state`), e.g. the HSTS state. */
  state?: string;
  children: ComponentChildren;
}

export function Fact({ label, field, state, children }: FactProps) {
  return (
    <div class="fact" data-field={field} data-state={state}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
