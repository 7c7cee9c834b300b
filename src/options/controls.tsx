import type { OptionsHandlers } from './section';
import { RANGES, type BooleanSetting, type CoreSettings } from '../core/settings';

// The page's small controls: an on/off switch and a count of days, each applied as it changes.

/** One on/off setting, applied as it is clicked. */
export function Switch(props: {
  setting: BooleanSetting;
  field: string;
  settings: CoreSettings;
  label: string;
  handlers: OptionsHandlers;
  disabled?: boolean;
}) {
  return (
    <label class="choice">
      <input
        type="checkbox"
        data-field={props.field}
        checked={props.settings[props.setting]}
        disabled={props.disabled ?? false}
        onChange={(e) =>
          props.handlers.change({ [props.setting]: (e.target as HTMLInputElement).checked })
        }
      />
      {props.label}
    </label>
  );
}

/** A whole number of days, sent only when the browser finds it within its bounds. */
export function Days(props: {
  field: 'rememberDays' | 'historyDays';
  value: number;
  label: string;
  handlers: OptionsHandlers;
}) {
  const { min, max } = RANGES[props.field];
  return (
    <label class="choice">
      {props.label}{' '}
      <input
        type="number"
        data-field={props.field}
        min={min}
        max={max}
        step={1}
        value={props.value}
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          if (input.validity.valid && input.value !== '')
            props.handlers.change({ [props.field]: Number(input.value) });
        }}
      />
    </label>
  );
}
