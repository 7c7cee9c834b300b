import { useEffect, useRef, useState } from 'preact/hooks';

// A polite live region's text: what a button did (copied, or could not), said once.

/** Pause between clearing the live region and filling it, so a repeated message is announced again. */
const ANNOUNCE_DELAY_MS = 100;

export function useAnnouncer(): [string, (text: string) => void] {
  const [status, setStatus] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const announce = (text: string): void => {
    setStatus('');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus(text), ANNOUNCE_DELAY_MS);
  };
  return [status, announce];
}
