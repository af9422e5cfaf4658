// The integration settings form: builds the request body from the inputs on every
// keystroke, checks it with propexo-preflight (web entry), and shows what the report
// says where it says it. Field errors are matched to inputs by JSON Pointer.
import init, {
  check,
  credentialShapes,
  effectiveSchedule,
  jsonSchema,
  nextSyncs,
  weeklySummary,
} from '../../bindings/js/dist/web/index.js';

await init();

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

// Enumerations, days and credential shapes come from the core, never from this page.
const schema = jsonSchema('create');
const scheduleSchema = schema.$defs.custom_sync_schedule.properties;
const VENDORS = schema.properties.integration_vendor.enum;
const CADENCES = schema.$defs.cadence.enum;
const TIMEZONES = scheduleSchema.timezone.enum;
const DAYS = Object.keys(scheduleSchema.interval.properties);
const SHAPES = credentialShapes();

const options = (select, values, selected) => {
  select.replaceChildren(...values.map((v) => el('option', { value: v, textContent: v, selected: v === selected })));
};
options($('vendor'), VENDORS, 'ENTRATA');
for (const select of document.querySelectorAll('select.cadence')) options(select, CADENCES, 'HOUR');
$('max_request_cadence').value = 'SECOND';
options($('timezone'), TIMEZONES, 'America/New_York');

// --- Credentials: the inputs follow the vendor's shapes, nested ones included -------------
// Each input's data-credential is its path inside `credentials` ("ftp_credentials/SFTP_PORT");
// body() builds the nested object from those paths. Values survive re-rendering.
const secrets = {};
const included = new Set(); // optional nested objects the user opened, by pointer
const added = {}; // pointer of an object of optional keys (RPX method_specific) → keys added

function keyInput(key, pointer, required) {
  const input = el('input', {
    type: key.type === 'number' ? 'number' : 'password',
    value: secrets[pointer] ?? '',
    autocomplete: 'new-password',
    oninput: (e) => {
      secrets[pointer] = e.target.value;
      update();
    },
  });
  input.dataset.pointer = pointer;
  input.dataset.credential = pointer.slice('/credentials/'.length);
  input.dataset.type = key.type;
  const label = el('label', {}, `${key.name}${required ? '' : ' (optional)'} `, input);
  label.dataset.field = pointer;
  return label;
}

/** The inputs of `shape` at `base`: its keys, and fieldsets for the objects it holds. */
function shapeFields(shape, base) {
  const keys = [...shape.required.map((k) => [k, true]), ...shape.optional.map((k) => [k, false])];
  return keys.map(([key, required]) => {
    const pointer = `${base}/${key.name}`;
    if (key.type !== 'object') return keyInput(key, pointer, required);
    const box = el('fieldset', { className: 'nested' });
    box.dataset.pointer = pointer;
    if (key.keys) {
      // An object whose keys are all optional, each holding the same shape.
      const choose = el('select', {});
      options(choose, key.keys.filter((k) => !(added[pointer] ?? []).includes(k)));
      choose.dataset.choose = pointer;
      const add = el('button', {
        type: 'button',
        textContent: 'Add',
        onclick: () => {
          if (!choose.value) return;
          (added[pointer] ??= []).push(choose.value);
          renderCredentials();
          update();
        },
      });
      add.dataset.addKey = pointer;
      const entries = (added[pointer] ?? []).map((name) => {
        const at = `${pointer}/${name}`;
        const remove = el('button', {
          type: 'button',
          className: 'remove',
          textContent: '✕',
          title: `Remove ${name}`,
          onclick: () => {
            added[pointer] = added[pointer].filter((k) => k !== name);
            renderCredentials();
            update();
          },
        });
        const entry = el('fieldset', { className: 'nested' }, el('legend', {}, `${name} `, remove), ...shapeFields(key.shape, at));
        entry.dataset.pointer = at;
        return entry;
      });
      box.append(el('legend', { textContent: `${key.name}${required ? '' : ' (optional)'}` }), ...entries, el('div', { className: 'row' }, choose, add));
      return box;
    }
    // A nested object of one shape: always there when required, opened on demand when not.
    const open = required || included.has(pointer);
    const legend = el('legend', {});
    if (required) {
      legend.append(key.name);
    } else {
      const toggle = el('input', {
        type: 'checkbox',
        checked: open,
        onchange: (e) => {
          if (e.target.checked) included.add(pointer);
          else included.delete(pointer);
          renderCredentials();
          update();
        },
      });
      toggle.dataset.include = pointer;
      legend.append(el('label', { className: 'check' }, toggle, `${key.name} (optional)`));
    }
    box.append(legend, ...(open ? shapeFields(key.shape, pointer) : []));
    return box;
  });
}

function renderCredentials() {
  const shapes = SHAPES[$('vendor').value] ?? [];
  const picker = $('shape');
  picker.parentElement.hidden = shapes.length < 2;
  const chosen = Math.min(Number(picker.value) || 0, Math.max(shapes.length - 1, 0));
  options(picker, shapes.map((_, i) => String(i)), String(chosen));
  [...picker.options].forEach((o, i) => (o.textContent = shapes[i].title));
  const shape = shapes[chosen];
  const fields = $('credential-fields');
  if (!shape) {
    fields.replaceChildren(el('p', { className: 'hint', textContent: 'This vendor publishes no credential shape: keys are not checked.' }));
    return;
  }
  fields.replaceChildren(...shapeFields(shape, '/credentials'));
}

/** The credentials as the inputs say them, nested by each input's path. */
function credentials() {
  const out = {};
  for (const input of document.querySelectorAll('#credential-fields [data-credential]')) {
    const path = input.dataset.credential.split('/');
    let at = out;
    for (const name of path.slice(0, -1)) at = at[name] ??= {};
    // A number input gives its number; an empty or partial one gives its text, which the core reports.
    const number = input.dataset.type === 'number' ? input.valueAsNumber : NaN;
    at[path[path.length - 1]] = Number.isNaN(number) ? input.value : number;
  }
  return out;
}

// --- Weekly schedule editor ---------------------------------------------------------------
const week = Object.fromEntries(DAYS.map((d) => [d, []]));
for (const day of ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY']) {
  week[day].push({ start: '09:00', end: '17:00', sync_frequency: '30', sync_cadence: 'MINUTE' });
}

function renderDays() {
  $('days').replaceChildren(
    ...DAYS.map((day) => {
      const base = `/custom_sync_schedule/interval/${day}`;
      const rows = week[day].map((slot, i) => {
        const at = `${base}/slots/${i}`;
        const input = (name, attrs = {}) => {
          const node = el('input', { value: slot[name], size: 5, ...attrs, oninput: (e) => { slot[name] = e.target.value; update(); } });
          node.dataset.pointer = `${at}/${name}`;
          node.setAttribute('aria-label', `${day} slot ${i + 1} ${name}`);
          return node;
        };
        const cadence = el('select', { onchange: (e) => { slot.sync_cadence = e.target.value; update(); } });
        options(cadence, CADENCES, slot.sync_cadence);
        cadence.dataset.pointer = `${at}/sync_cadence`;
        const row = el('div', { className: 'slot' },
          input('start', { placeholder: 'HH:MM' }), '–', input('end', { placeholder: 'HH:MM' }),
          ' every ', input('sync_frequency', { size: 3, inputMode: 'numeric' }), cadence,
          el('button', { type: 'button', className: 'remove', textContent: '✕', title: 'Remove this slot', onclick: () => { week[day].splice(i, 1); renderDays(); update(); } }));
        row.dataset.pointer = at;
        return row;
      });
      const add = el('button', {
        type: 'button',
        className: 'add',
        textContent: '+ slot',
        onclick: () => {
          week[day].push({ start: '', end: '', sync_frequency: '1', sync_cadence: 'HOUR' });
          renderDays();
          update();
        },
      });
      add.dataset.day = day;
      const box = el('div', { className: 'day' }, el('strong', { textContent: day[0] + day.slice(1).toLowerCase() }), ...rows, add);
      box.dataset.pointer = base;
      return box;
    }),
  );
}

// --- The body, exactly as the form says it -------------------------------------------------
function body() {
  const value = (id) => $(id).value;
  const out = {
    integration_vendor: value('vendor'),
    credentials: credentials(),
    name: value('name'),
    active: $('active').checked,
    max_request_frequency: value('max_request_frequency'),
    max_request_cadence: value('max_request_cadence'),
    max_job_concurrency: value('max_job_concurrency'),
    use_custom_sync_schedule: $('use_custom').checked,
  };
  if ($('use_custom').checked) {
    const interval = {};
    for (const day of DAYS) if (week[day].length > 0) interval[day] = { slots: week[day].map((s) => ({ ...s })) };
    out.custom_sync_schedule = { type: 'WEEK_BASED', timezone: value('timezone'), interval };
  } else {
    out.sync_frequency = value('sync_frequency');
    out.sync_cadence = value('sync_cadence');
  }
  return out;
}

// --- Showing the report ------------------------------------------------------------------
/** The element an issue belongs to: the input of its pointer, else its closest container. */
function fieldFor(pointer) {
  for (let p = pointer; p; p = p.slice(0, p.lastIndexOf('/'))) {
    const node = document.querySelector(`[data-pointer="${CSS.escape(p)}"]`);
    if (node) return node;
  }
  return null;
}

function showIssues(report) {
  for (const old of document.querySelectorAll('.field-error')) old.remove();
  for (const old of document.querySelectorAll('.invalid')) old.classList.remove('invalid');
  const general = [];
  for (const issue of report.issues.filter((i) => i.severity === 'error')) {
    const field = fieldFor(issue.pointer);
    if (!field) {
      general.push(issue);
      continue;
    }
    field.classList.add('invalid');
    const anchor = field.closest('label, .slot, fieldset, .day') ?? field;
    const note = el('div', { className: 'field-error', role: 'alert', textContent: issue.message });
    note.dataset.for = issue.pointer;
    note.dataset.code = issue.code;
    anchor.after(note);
  }
  $('general-errors').replaceChildren(...general.map((i) => el('li', { textContent: `${i.pointer || 'body'}: ${i.message}` })));
  $('warnings').replaceChildren(
    ...report.issues
      .filter((i) => i.severity === 'warning')
      .map((i) => el('li', {}, el('code', { textContent: i.code }), ` ${i.pointer ? `${i.pointer}: ` : ''}${i.message}`)),
  );
}

const minutes = (hhmm) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

function showWeek(b, opts) {
  const summary = weeklySummary(b, opts);
  $('week-summary').textContent = `${summary.per_week} syncs per week — ${summary.summary}`;
  $('timeline').replaceChildren(
    ...DAYS.map((day) => {
      const track = el('div', { className: 'track' });
      for (const c of summary.coverage.filter((c) => c.day === day)) {
        const start = minutes(c.start);
        const end = minutes(c.end);
        const block = el('div', { className: 'block', title: `${c.start}–${c.end}: ${c.syncs} syncs` });
        block.style.left = `${(start / 1440) * 100}%`;
        block.style.width = `${((end - start) / 1440) * 100}%`;
        track.append(block);
      }
      return el('div', { className: 'day-row' }, el('span', { textContent: day.slice(0, 3) }), track, el('span', { className: 'count', textContent: String(summary.per_day[day]) }));
    }),
  );
  let syncs = [];
  if (effectiveSchedule(b, opts).kind !== 'unknown') {
    try {
      syncs = nextSyncs(b, opts, new Date(), 10).syncs;
    } catch (error) {
      syncs = [];
    }
  }
  $('next-syncs').replaceChildren(...syncs.map((s) => el('li', { textContent: `${s.local}  (${s.utc})` })));
}

function update() {
  const b = body();
  const opts = { operation: $('operation').value, coerce: true };
  const report = check(b, opts);
  showIssues(report);
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  $('status').textContent = report.valid ? 'Ready to send.' : `${errors} error${errors === 1 ? '' : 's'} to fix.`;
  $('status').className = report.valid ? 'ok' : 'bad';
  $('normalized').textContent = report.valid ? JSON.stringify(report.normalized, null, 2) : '';
  $('copy').disabled = !report.valid;
  $('fixed').hidden = $('use_custom').checked;
  $('weekly').hidden = !$('use_custom').checked;
  showWeek(b, opts);
  document.body.dataset.checked = String(Number(document.body.dataset.checked ?? 0) + 1);
}

$('copy').addEventListener('click', () => navigator.clipboard?.writeText($('normalized').textContent));
$('form').addEventListener('input', update);
$('form').addEventListener('change', update);
$('vendor').addEventListener('change', () => {
  renderCredentials();
  update();
});
$('shape').addEventListener('change', () => {
  renderCredentials();
  update();
});

renderCredentials();
renderDays();
update();
