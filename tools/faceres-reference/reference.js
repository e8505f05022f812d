// Runs Human 3.3.6's faceres graph model itself — pure-JavaScript TensorFlow.js 4.22, cpu backend, nothing native — on
// the faces of the face-api fixture photos already in the repository, and writes what it computes as test fixtures for
// the TorchSharp port (tests/FaceNet2ExpNet.Tests/Human/fixtures/). See docs/face-nets.md.
//
//   cd tools/faceres-reference && npm ci && node reference.js [--out DIR]
//
// Inputs: tests/FaceNet2ExpNet.Tests/FaceApi/fixtures/sample1.png and sample5.png (face-api's demo photos, committed
// with face-api's reference) and, per face, the integer crop rectangle face-api recorded there (cropRect). No new image
// is committed: the C# test makes the same crops from the same PNGs.
//
// Each face is resized as Human does (src/face/faceres.ts, enhance() with the default config, which sets no crop):
// tf.image.resizeBilinear(face, [224, 224], alignCorners = false) — TensorFlow's resize without half-pixel centres.
// The graph then runs on two inputs made from those pixels:
//  - Human's: RGB 0–255 (enhance() multiplies its 0–1 face by 255; here the pixels are 0–255 floats from the start,
//    the same up to float rounding);
//  - the trained convention ("hse"), as the model's author feeds it (HSE_FaceRec_tf age_gender_identity/
//    facial_analysis.py, whose graph has the same node names): BGR, 0–255 minus [103.939, 116.779, 123.68].
//
// Per face, reference.json holds the graph's outputs for Human's input — global_pooling/Mean (the 1024-d descriptor
// Human returns), feats/Relu (256), gender_pred/Sigmoid (1), age_pred/Softmax (100) — and the same four under "hse".
// The last conv map (conv_pw_13, 7×7×1024) for Human's input of the first face of each photo, and the 14×14×512 map
// (conv_pw_11) of the very first face, go to <face>.<node>.f32.gz: float32 little-endian, TF's NHWC order, gzip.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');
const { PNG } = require('pngjs');
const tf = require('@tensorflow/tfjs');

const INPUT = 224;
const NODES = {
  conv_pw_11: 'conv_pw_11_relu/clip_by_value',
  conv_pw_13: 'conv_pw_13_relu/clip_by_value',
  global_pooling: 'global_pooling/Mean',
  feats: 'feats/Relu',
  gender: 'gender_pred/Sigmoid',
  age: 'age_pred/Softmax',
};
const MAPS = ['conv_pw_11', 'conv_pw_13'];
const HEADS = ['global_pooling', 'feats', 'gender', 'age'];
const MEAN_BGR = [103.939, 116.779, 123.68];

const args = process.argv.slice(2);
const repo = path.resolve(__dirname, '../..');
const photos = path.join(repo, 'tests/FaceNet2ExpNet.Tests/FaceApi/fixtures');
const outDir = path.resolve(args.includes('--out') ? args[args.indexOf('--out') + 1]
  : path.join(repo, 'tests/FaceNet2ExpNet.Tests/Human/fixtures'));
const humanDir = path.join(__dirname, 'node_modules/@vladmandic/human');   // its package.json is not in "exports"
const human = JSON.parse(fs.readFileSync(path.join(humanDir, 'package.json'), 'utf8'));

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
const floats = (a) => Array.from(a, (v) => Number(v.toPrecision(9)));   // 9 digits: every float32 exactly

/** faceres.json + faceres.bin through tfjs's own graph-model loader (tf.io.fromMemory: no fetch, no native IO). */
async function loadFaceres() {
  const json = JSON.parse(fs.readFileSync(path.join(humanDir, 'models/faceres.json'), 'utf8'));
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  const shards = json.weightsManifest.flatMap((g) => g.paths).map((p) => fs.readFileSync(path.join(humanDir, 'models', p)));
  const bin = Buffer.concat(shards);
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const model = await tf.loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData, format: json.format }));
  return { model, files: ['faceres.json', 'faceres.bin'].map((f) => ({ file: `models/${f}`, sha256: sha256(fs.readFileSync(path.join(humanDir, 'models', f)))})) };
}

function readPng(file) {
  const png = PNG.sync.read(fs.readFileSync(file));
  const rgb = new Float32Array(png.width * png.height * 3);
  for (let i = 0; i < png.width * png.height; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = png.data[i * 4 + c];
  return { rgb, width: png.width, height: png.height };
}

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  const { model, files } = await loadFaceres();
  fs.mkdirSync(outDir, { recursive: true });
  const faceApi = JSON.parse(fs.readFileSync(path.join(photos, 'reference.json'), 'utf8'));

  const faces = [];
  for (const image of faceApi.images) {
    const png = readPng(path.join(photos, image.png));
    const photo = tf.tensor3d(png.rgb, [png.height, png.width, 3], 'float32');
    image.faces.forEach((face, i) => {
      const r = face.cropRect;
      const name = `${image.name}-${i}`;
      const [outputs, hseOutputs] = tf.tidy(() => {
        const crop = tf.slice3d(photo, [r.y, r.x, 0], [r.height, r.width, 3]);
        const input = tf.image.resizeBilinear(tf.expandDims(crop, 0), [INPUT, INPUT], false);
        const hse = tf.sub(tf.reverse(input, 3), tf.tensor1d(MEAN_BGR));
        return [model.execute(input, Object.values(NODES)), model.execute(hse, HEADS.map((k) => NODES[k]))];
      });
      const out = Object.fromEntries(Object.keys(NODES).map((k, j) => [k, outputs[j]]));
      const entry = { name, png: image.png, cropRect: r };
      for (const k of HEADS) entry[k] = floats(out[k].dataSync());
      entry.hse = Object.fromEntries(HEADS.map((k, j) => [k, floats(hseOutputs[j].dataSync())]));
      entry.shapes = Object.fromEntries(Object.keys(NODES).map((k) => [k, out[k].shape]));
      if (i === 0) {
        entry.maps = {};
        for (const k of MAPS.filter((m) => m === 'conv_pw_13' || faces.length === 0)) {
          const file = `${name}.${k}.f32.gz`;
          const data = out[k].dataSync();
          fs.writeFileSync(path.join(outDir, file), zlib.gzipSync(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { level: 9 }));
          entry.maps[k] = { file, shape: out[k].shape, layout: 'NHWC' };
        }
      }
      tf.dispose([outputs, hseOutputs]);
      faces.push(entry);
      console.log(`${name}: crop ${r.width}×${r.height} at (${r.x}, ${r.y}); gender ${entry.gender[0].toFixed(3)} ` +
        `(hse ${entry.hse.gender[0].toFixed(3)}), descriptor mean ${(entry.global_pooling.reduce((a, b) => a + b, 0) / 1024).toFixed(4)}`);
    });
    photo.dispose();
  }

  const reference = {
    generator: 'tools/faceres-reference/reference.js',
    human: human.version,
    files,
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    input: {
      size: INPUT,
      resize: 'tf.image.resizeBilinear(RGB 0-255 integer crop, [224, 224], alignCorners=false)',
      human: 'the resized RGB 0-255 as is',
      hse: `the resized pixels, channels reversed (BGR), minus [${MEAN_BGR.join(', ')}]`,
    },
    nodes: NODES,
    faces,
  };
  // Indented, but each array of numbers on one line (the file stays small and diffable).
  const json = JSON.stringify(reference, null, 1).replace(/\[\s+([-\d.e+,\s]+?)\s+\]/g, (_, body) => `[${body.split(/,\s+/).join(', ')}]`);
  fs.writeFileSync(path.join(outDir, 'reference.json'), `${json}\n`);
  console.log(`wrote ${path.join(outDir, 'reference.json')}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
