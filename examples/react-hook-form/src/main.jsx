// A weekly sync schedule form: react-hook-form validates with propexo-preflight's Standard
// Schema through @hookform/resolvers' standardSchemaResolver. Errors land on the nested
// field their path names (custom_sync_schedule.interval.MONDAY.slots.0.start); a submit
// receives the normalized body.
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import init, { jsonSchema, standardSchema } from 'propexo-preflight/web';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { get, useFieldArray, useForm } from 'react-hook-form';

await init(new URL('./preflight_wasm_bg.wasm', import.meta.url));

// Inputs hold text ("30", "hour", "9:00"): `coerce` reads them as a form sends them, and a
// valid result's value is the normalized body, ready to send.
const schema = standardSchema({ operation: 'update', coerce: true });

// Days, cadences and time zones come from the core's JSON Schema, never from this file.
const definitions = jsonSchema('update');
const scheduleSchema = definitions.$defs.custom_sync_schedule.properties;
const DAYS = Object.keys(scheduleSchema.interval.properties);
const CADENCES = definitions.$defs.cadence.enum;
const TIMEZONES = scheduleSchema.timezone.enum;

const slot = (start, end) => ({ start, end, sync_frequency: '30', sync_cadence: 'MINUTE' });
const defaultValues = {
  name: 'Downtown Properties',
  use_custom_sync_schedule: true,
  custom_sync_schedule: {
    type: 'WEEK_BASED',
    timezone: 'America/New_York',
    interval: Object.fromEntries(
      DAYS.map((day) => [day, { slots: day === 'SUNDAY' || day === 'SATURDAY' ? [] : [slot('09:00', '17:00')] }]),
    ),
  },
};

/** The message of the error at `name`, if any, marked with the field it belongs to. */
function FieldError({ errors, name }) {
  const message = get(errors, name)?.message;
  return message ? (
    <p className="error" role="alert" data-for={name}>
      {message}
    </p>
  ) : null;
}

function Day({ day, control, register, errors }) {
  const slots = `custom_sync_schedule.interval.${day}.slots`;
  const { fields, append, remove } = useFieldArray({ control, name: slots });
  return (
    <fieldset data-day={day}>
      <legend>{day[0] + day.slice(1).toLowerCase()}</legend>
      {fields.map((field, i) => {
        const at = `${slots}.${i}`;
        const input = (key, props = {}) => (
          <input
            aria-label={`${day} slot ${i + 1} ${key}`}
            aria-invalid={get(errors, `${at}.${key}`) ? 'true' : 'false'}
            {...props}
            {...register(`${at}.${key}`)}
          />
        );
        return (
          <div className="slot" key={field.id} data-slot={at}>
            {input('start', { placeholder: 'HH:MM' })}–{input('end', { placeholder: 'HH:MM' })}
            every {input('sync_frequency', { inputMode: 'numeric' })}
            <select aria-label={`${day} slot ${i + 1} sync_cadence`} {...register(`${at}.sync_cadence`)}>
              {CADENCES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
            <button type="button" onClick={() => remove(i)}>
              Remove
            </button>
            {['start', 'end', 'sync_frequency', 'sync_cadence'].map((key) => (
              <FieldError key={key} errors={errors} name={`${at}.${key}`} />
            ))}
            {/* Errors about the slot as a whole, such as an overlap with another slot. */}
            <FieldError errors={errors} name={at} />
          </div>
        );
      })}
      <button type="button" data-add={day} onClick={() => append(slot('', ''))}>
        + slot
      </button>
    </fieldset>
  );
}

function App() {
  const [sent, setSent] = useState(null);
  const { register, control, handleSubmit, trigger, watch, formState } = useForm({
    resolver: standardSchemaResolver(schema),
    defaultValues,
  });
  const { errors } = formState;

  // preflight judges the whole body (a slot overlaps another one), so every change
  // re-checks every field: an error clears wherever it is fixed.
  useEffect(() => {
    const subscription = watch(() => void trigger());
    return () => subscription.unsubscribe();
  }, [watch, trigger]);

  return (
    <form onSubmit={handleSubmit((body) => setSent(body))} noValidate>
      <h1>Sync schedule</h1>
      <label>
        Name <input aria-label="name" {...register('name')} />
      </label>
      <FieldError errors={errors} name="name" />
      <label>
        Time zone{' '}
        <select aria-label="timezone" {...register('custom_sync_schedule.timezone')}>
          {TIMEZONES.map((zone) => (
            <option key={zone}>{zone}</option>
          ))}
        </select>
      </label>
      {DAYS.map((day) => (
        <Day key={day} day={day} control={control} register={register} errors={errors} />
      ))}
      <FieldError errors={errors} name="root" />
      <p id="status" data-valid={String(formState.isValid)}>
        {Object.keys(errors).length === 0 ? 'No errors.' : 'Fix the fields marked in red.'}
      </p>
      <button type="submit">Save</button>
      {sent && (
        <>
          <h2>Body to send</h2>
          <pre id="sent">{JSON.stringify(sent, null, 2)}</pre>
        </>
      )}
    </form>
  );
}

createRoot(document.getElementById('root')).render(<App />);
