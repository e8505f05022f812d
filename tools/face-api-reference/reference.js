// Runs @vladmandic/face-api 1.7.15 itself — pure-JavaScript TensorFlow.js, cpu backend, nothing native — on the
// package's own demo photographs and writes what it finds as test fixtures for the TorchSharp ports
// (tests/FaceNet2ExpNet.Tests/FaceApi/fixtures/). See docs/face-api.md.
//
//   cd tools/face-api-reference && npm ci && node reference.js [--out DIR] [--debug]
//
// Per image it writes <name>.png — the exact RGB pixels face-api saw (decoded with jpeg-js, then averaged down 4×4
// so the fixtures stay small), written losslessly with pngjs so the C# side reads identical pixels (JPEG decoders
// differ) — and one entry in reference.json: the tiny face detector's boxes and scores, the 68 landmarks, the
// dlib-style aligned rectangle face-api crops for recognition, and the 128-d descriptor of that crop; and, under
// ssdFaces, the boxes and scores of the SSD MobileNet v1 detector (detectAllFaces with SsdMobilenetv1Options).
'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const jpeg = require('jpeg-js');
const { PNG } = require('pngjs');
const tf = require('@tensorflow/tfjs');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

const SAMPLES = ['sample1.jpg', 'sample5.jpg'];
const DOWNSCALE = 4;                       // 1920 px wide demo photos → 480 px
const DETECTOR = { inputSize: 416, scoreThreshold: 0.5 };
const SSD_DETECTOR = { minConfidence: 0.5, maxResults: 100 };

const args = process.argv.slice(2);
const outDir = path.resolve(args.includes('--out') ? args[args.indexOf('--out') + 1]
  : path.join(__dirname, '../../tests/FaceNet2ExpNet.Tests/FaceApi/fixtures'));
const debug = args.includes('--debug');
const packageDir = path.dirname(require.resolve('@vladmandic/face-api/package.json'));

/** jpeg-js decode → RGB, averaged over DOWNSCALE×DOWNSCALE blocks (integer arithmetic, rounded half up). */
function loadSample(file) {
  const bytes = fs.readFileSync(path.join(packageDir, 'demo', file));
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  const w = Math.floor(img.width / DOWNSCALE);
  const h = Math.floor(img.height / DOWNSCALE);
  const rgb = new Uint8Array(w * h * 3);
  const n = DOWNSCALE * DOWNSCALE;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        for (let dy = 0; dy < DOWNSCALE; dy++) {
          for (let dx = 0; dx < DOWNSCALE; dx++) sum += img.data[((y * DOWNSCALE + dy) * img.width + x * DOWNSCALE + dx) * 4 + c];
        }
        rgb[(y * w + x) * 3 + c] = Math.floor((sum + n / 2) / n);
      }
    }
  }
  return { rgb, width: w, height: h, source: { file: `demo/${file}`, sha256: sha256(bytes), width: img.width, height: img.height } };
}

function writePng(file, { rgb, width, height }) {
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(rgb);
  fs.writeFileSync(file, PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false }));
}

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
const rect = (b) => ({ x: b.x, y: b.y, width: b.width, height: b.height });
const floats = (a) => Array.from(a, (v) => Number(v));

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  const modelDir = path.join(packageDir, 'model');
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  fs.mkdirSync(outDir, { recursive: true });

  const images = [];
  for (const file of SAMPLES) {
    const sample = loadSample(file);
    const name = path.basename(file, '.jpg');
    writePng(path.join(outDir, `${name}.png`), sample);
    // The reference sees exactly the PNG's pixels: an int32 H×W×3 tensor (what face-api's node demos pass).
    const input = tf.tensor3d(Int32Array.from(sample.rgb), [sample.height, sample.width, 3], 'int32');
    const options = new faceapi.TinyFaceDetectorOptions(DETECTOR);
    const results = await faceapi.detectAllFaces(input, options).withFaceLandmarks().withFaceDescriptors();
    const faces = [];
    for (const r of results) {
      // The rectangle face-api crops for the recognition net (ComputeFaceDescriptorsTasks: dlib alignment), and the
      // same rectangle clipped at the image border and floored, as extractFaceTensors slices it.
      const aligned = r.landmarks.align(null, { useDlibAlignment: true });
      faces.push({
        score: r.detection.score,
        box: rect(r.detection.box),
        landmarks: r.landmarks.positions.map((p) => [p.x, p.y]),
        alignedRect: rect(aligned),
        cropRect: rect(aligned.clipAtImageBorders(sample.width, sample.height)),
        descriptor: floats(r.descriptor),
      });
    }
    // The SSD MobileNet v1 detector alone (face-api's default detector): its boxes and scores, best first.
    const ssd = await faceapi.detectAllFaces(input, new faceapi.SsdMobilenetv1Options(SSD_DETECTOR));
    const ssdFaces = ssd.map((d) => ({ score: d.score, box: rect(d.box) }));
    const entry = { name, png: `${name}.png`, pngSha256: sha256(fs.readFileSync(path.join(outDir, `${name}.png`))),
      width: sample.width, height: sample.height, source: sample.source, downscale: DOWNSCALE, faces, ssdFaces };
    if (debug) entry.debug = await debugTensors(input);
    images.push(entry);
    input.dispose();
    console.log(`${file}: ${sample.width}×${sample.height}, ${faces.length} faces, scores ${faces.map((f) => f.score.toFixed(3)).join(' ')}; ` +
      `SSD ${ssdFaces.length} faces, scores ${ssdFaces.map((f) => f.score.toFixed(3)).join(' ')}`);
  }

  const reference = {
    generator: 'tools/face-api-reference/reference.js',
    faceApi: faceapi.version,
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    detector: DETECTOR,
    ssdDetector: SSD_DETECTOR,
    images,
  };
  fs.writeFileSync(path.join(outDir, debug ? 'reference-debug.json' : 'reference.json'), `${JSON.stringify(reference, null, 1)}\n`);
  console.log(`wrote ${path.join(outDir, debug ? 'reference-debug.json' : 'reference.json')}`);
}

/** Raw network outputs for porting work (--debug only; not committed). */
async function debugTensors(input) {
  const det = await faceapi.nets.tinyFaceDetector.forward(input, DETECTOR.inputSize);
  const face = tf.tidy(() => tf.slice3d(input, [0, 0, 0], [112, 112, 3]));
  const lm = await faceapi.nets.faceLandmark68Net.forward(face);
  const rec = await faceapi.nets.faceRecognitionNet.forward(face);
  const ssd = await faceapi.nets.ssdMobilenetv1.forward(input);
  const out = { detector: floats(await det.data()), detectorShape: det.shape, landmarkNet: floats(await lm.data()), recognitionNet: floats(await rec.data()),
    ssdBoxes: floats(await ssd.boxes[0].data()), ssdScores: floats(await ssd.scores[0].data()) };
  tf.dispose([det, face, lm, rec, ...ssd.boxes, ...ssd.scores]);
  return out;
}

main().catch((e) => { console.error(e); process.exit(1); });
