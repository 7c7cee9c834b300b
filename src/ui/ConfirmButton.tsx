import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';

// A button for what cannot be undone (clear the history, forget the sites, reset the settings):
// the first click asks, in place, with the question and two buttons, and focus moves to the
// answer; the second does it. Focus comes back to the button afterwards, never to the page's
// body, so a keyboard or screen-reader user stays where they were.

export interface ConfirmButtonProps {
  /** `data-action` of the button; its answers are `<action>-confirm` and `<action>-cancel`. */
  action: string;
  label: string;
  question: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
}

export function ConfirmButton({
  action,
  label,
  question,
  confirm,
  cancel,
  onConfirm,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  // Where focus goes after the next render: the answer while asking, the button once answered.
  const [focus, setFocus] = useState<'answer' | 'button' | null>(null);
  const answer = useRef<HTMLButtonElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  useLayoutEffect(() => {
    if (focus === 'answer') answer.current?.focus();
    if (focus === 'button') button.current?.focus();
  }, [focus, asking]);
  const close = (): void => {
    setAsking(false);
    setFocus('button');
  };
  if (!asking) {
    return (
      <button
        type="button"
        ref={button}
        data-action={action}
        onClick={() => {
          setAsking(true);
          setFocus('answer');
        }}
      >
        {label}
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-labelledby={questionId}>
      <span class="confirm-question" id={questionId}>
        {question}
      </span>{' '}
      <button
        type="button"
        ref={answer}
        class="danger"
        data-action={`${action}-confirm`}
        onClick={() => {
          close();
          onConfirm();
        }}
      >
        {confirm}
      </button>{' '}
      <button type="button" data-action={`${action}-cancel`} onClick={close}>
        {cancel}
      </button>
    </span>
  );
}
