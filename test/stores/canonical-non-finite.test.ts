// Canonical JSON of non-finite numbers (params.yaml's `.inf`, `-.inf`, `.nan`): the bare YAML words,
// which no JSON value encodes to, so they hash apart from every string and from each other; and
// every value that was encodable before encodes byte for byte as before (committed pipeline.lock
// fingerprints depend on it: the text and hash below were computed with the encoder before this
// change).
import { expect, test } from 'vitest';
import { canonicalJson, fingerprint } from '../../src/stores/index.js';

test('ordinary params encode and hash exactly as before', () => {
  const params = {
    'params.yaml': {
      'prep.n': 20,
      'prep.noise': 0.1,
      train: { lr: 0.01, epochs: 5, layers: [16, 8], opt: { name: 'adam', beta: 0.9 }, augment: true, resume: null, tag: '.inf', big: 1e21, small: 5e-324, neg: -0, exp: 1.5e-7, text: 'héllo "q" \\ \n', emoji: '😀' },
    },
    'other.json': { 'opt.lr': -3.25, list: [], obj: {}, nested: [[1, [2]], { b: false, a: 'NaN' }] },
  };
  const body = { v: 1, cmd: ['node train.js --lr 0.01'], deps: [{ path: 'a.csv', hash: 'ab'.repeat(32) }], params, outs: ['model.bin'] };
  expect(canonicalJson(body)).toBe(
    '{"cmd":["node train.js --lr 0.01"],"deps":[{"hash":"abababababababababababababababababababababababababababababababab","path":"a.csv"}],"outs":["model.bin"],"params":{"other.json":{"list":[],"nested":[[1,[2]],{"a":"NaN","b":false}],"obj":{},"opt.lr":-3.25},"params.yaml":{"prep.n":20,"prep.noise":0.1,"train":{"augment":true,"big":1e+21,"emoji":"😀","epochs":5,"exp":1.5e-7,"layers":[16,8],"lr":0.01,"neg":0,"opt":{"beta":0.9,"name":"adam"},"resume":null,"small":5e-324,"tag":".inf","text":"héllo \\"q\\" \\\\ \\n"}}},"v":1}',
  );
  expect(fingerprint(body)).toBe('21194b18f14c694f78adf6a3eb19168af0eef16f089532170151458887eda2f9');
});

test('.inf, -.inf and .nan encode as those words, apart from each other, from strings and from null', () => {
  expect(canonicalJson({ a: Infinity, b: -Infinity, c: Number.NaN, d: [Infinity] })).toBe('{"a":.inf,"b":-.inf,"c":.nan,"d":[.inf]}');
  const values = [Infinity, -Infinity, Number.NaN, '.inf', '-.inf', '.nan', 'Infinity', 'NaN', null, 0];
  const hashes = new Set(values.map((x) => fingerprint({ v: 1, x })));
  expect(hashes.size).toBe(values.length);
  // NaN is one value here, though NaN !== NaN: an unchanged .nan param is unchanged
  expect(fingerprint({ x: Number.NaN })).toBe(fingerprint({ x: 0 / 0 }));
});
