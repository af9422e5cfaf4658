// Ajv 8 with the published JSON Schemas (read from $PROPEXO_SCHEMAS, see bench/README.md): draft 2020-12, allErrors, formats from ajv-formats. strict: false because the
// published schemas carry OpenAPI keywords (example) that Ajv's strict mode refuses.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { published } from './published.mjs';

const put = published('put_input');
const post = published('post_input');

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const update = ajv.compile(put);
const create = ajv.compile(post);

export const name = 'ajv 8 (published schema)';
export const validate = {
  update: (body) => (update(body) ? null : update.errors),
  create: (body) => (create(body) ? null : create.errors),
};
/** A missing required property is reported at the object with params.missingProperty:
 *  its path here is the property's, as the other validators report it. */
export const issues = (errors) =>
  (errors ?? []).map((e) => {
    const path = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required') path.push(e.params.missingProperty);
    return { path, message: e.message };
  });
