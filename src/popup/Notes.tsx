import { Fragment } from 'preact';
import { renderMessage, type Message, type Translate } from '../core/message';

// Short qualifiers beside a value ("explicit", "IPv6", "preload"), each its own chip. A space
// separates them so a screen reader reads words, not "explicitHTTPS".

export function Notes({ items, t }: { items: readonly Message[]; t: Translate }) {
  return (
    <>
      {items.map((m, i) => (
        <Fragment key={`${i}-${m.key}`}>
          {i > 0 && ' '}
          <span class="note">{renderMessage(m, t)}</span>
        </Fragment>
      ))}
    </>
  );
}
