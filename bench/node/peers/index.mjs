// The peers in the order every table shows them, loaded by module name.
export const PEERS = ['zod', 'zod-mini', 'valibot', 'ajv'];
export const loadPeers = (names) => Promise.all(names.map((n) => import(`./${n}.mjs`)));
