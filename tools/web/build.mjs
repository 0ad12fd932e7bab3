// Bundles the viewer's libraries into one directory (argv[2]) the Api embeds under web/viewer/:
//   cornerstone.js             the page's entry (ES module)
//   decodeImageFrameWorker.js  the decoding worker the loader starts next to it (new URL('./...', import.meta.url))
//   *.wasm                     the codecs (JPEG baseline, JPEG-LS, JPEG 2000, HTJ2K), fetched by the worker on first use
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const out = path.resolve(process.argv[2] ?? 'dist');
const require = createRequire(import.meta.url);
const loaderRoot = path.dirname(require.resolve('@cornerstonejs/dicom-image-loader/package.json'));

// The loader names each codec's wasm by its package export ('@cornerstonejs/codec-charls/decodewasm'), which a browser
// cannot resolve; each becomes the file copied beside the worker.
const codecs = {
  '@cornerstonejs/codec-charls/decodewasm': 'charlswasm_decode.wasm',
  '@cornerstonejs/codec-openjpeg/decodewasm': 'openjpegwasm_decode.wasm',
  '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm': 'libjpegturbowasm_decode.wasm',
  '@cornerstonejs/codec-openjph/wasm': 'openjphjs.wasm',
};
const unusedCodecs = ['@cornerstonejs/codec-libjxl/decodewasm']; // JPEG XL: not a transfer syntax the pipeline accepts

const codecUrls = {
  name: 'codec-urls',
  setup(builder) {
    builder.onLoad({ filter: /dicom-image-loader[\\/]dist[\\/]esm[\\/]shared[\\/]decoders[\\/].*\.js$/ }, async args => {
      let contents = await readFile(args.path, 'utf8');
      for (const [specifier, file] of Object.entries(codecs)) contents = contents.replaceAll(`'${specifier}'`, `'./${file}'`);
      for (const specifier of unusedCodecs) contents = contents.replaceAll(`'${specifier}'`, `'./unavailable.wasm'`);
      return { contents, loader: 'js' };
    });
  },
};

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: {
    cornerstone: 'src/cornerstone.js',
    decodeImageFrameWorker: path.join(loaderRoot, 'dist/esm/decodeImageFrameWorker.js'),
  },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  // Node built-ins the emscripten glue requires only when it runs in Node.
  external: ['fs', 'path'],
  alias: { xmlbuilder2: './src/stubs/xmlbuilder2.js' },
  plugins: [codecUrls],
  logLevel: 'warning',
});
for (const [specifier, file] of Object.entries(codecs)) await copyFile(require.resolve(specifier), path.join(out, file));
