import type { OptionsHandlers } from './section';
import type { Translate } from '../core/message';
import { RANGES, type BooleanSetting, type CoreSettings, type SettingKey } from '../core/settings';
import { ManagedNote, managedNoteId } from './Managed';

// The page's small controls: an on/off switch and a count of days, each applied as it changes.

/** Whether the organisation's policy sets `setting`, and the control's description if so. */
function lockOf(setting: SettingKey, field: string, locked: readonly SettingKey[]) {
  const isLocked = locked.includes(setting);
  return { isLocked, describedBy: isLocked ? managedNoteId(field) : undefined };
}

/** One on/off setting, applied as it is clicked; shown, not changeable, when the policy sets it. */
export function Switch(props: {
  setting: BooleanSetting;
  field: string;
  settings: CoreSettings;
  locked: readonly SettingKey[];
  label: string;
  t: Translate;
  handlers: OptionsHandlers;
  disabled?: boolean;
}) {
  const { isLocked, describedBy } = lockOf(props.setting, props.field, props.locked);
  return (
    <>
      <label class="choice">
        <input
          type="checkbox"
          data-field={props.field}
          checked={props.settings[props.setting]}
          disabled={isLocked || (props.disabled ?? false)}
          aria-describedby={describedBy}
          onChange={(e) =>
            props.handlers.change({ [props.setting]: (e.target as HTMLInputElement).checked })
          }
        />
        {props.label}
      </label>
      {isLocked && <ManagedNote field={props.field} t={props.t} />}
    </>
  );
}

/** A whole number of days, sent only when the browser finds it within its bounds. */
export function Days(props: {
  field: 'rememberDays' | 'historyDays';
  value: number;
  locked: readonly SettingKey[];
  label: string;
  t: Translate;
  handlers: OptionsHandlers;
}) {
  const { min, max } = RANGES[props.field];
  const { isLocked, describedBy } = lockOf(props.field, props.field, props.locked);
  return (
    <>
      <label class="choice">
        {props.label}{' '}
        <input
          type="number"
          data-field={props.field}
          min={min}
          max={max}
          step={1}
          value={props.value}
          disabled={isLocked}
          aria-describedby={describedBy}
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            if (input.validity.valid && input.value !== '')
              props.handlers.change({ [props.field]: Number(input.value) });
          }}
        />
      </label>
      {isLocked && <ManagedNote field={props.field} t={props.t} />}
    </>
  );
}
