import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import webpack from 'webpack';
import { renderIconPngs } from './scripts/icons';
import { manifestFor, type Target } from './scripts/manifest-for';
import { noticesFor } from './scripts/notices';

// One source tree, two unpacked extensions: dist/chrome and dist/firefox. Each gets the same
// bundles and its own manifest; icons are rendered from the SVG sources at build time.

const root = process.cwd();
const TARGETS: Target[] = ['chrome', 'firefox'];

/** Files copied as they are, relative to src/. */
function staticFiles(target: Target): string[] {
  const locales = readdirSync(join(root, 'src/_locales')).map(
    (lang) => `_locales/${lang}/messages.json`,
  );
  return [
    'popup/popup.html',
    'popup/popup.css',
    'options/options.html',
    'history/history.html',
    'shared/pages.css',
    // Chrome's declaration of the settings an organisation can set (docs/managed-settings.md).
    ...(target === 'chrome' ? ['managed-schema.json'] : []),
    ...locales,
  ];
}

/** The files of every module in the bundles, inside concatenated modules too. */
function bundledFiles(compilation: webpack.Compilation): string[] {
  const files: string[] = [];
  const visit = (m: webpack.Module): void => {
    const resource = (m as { resource?: string }).resource;
    if (resource) files.push(resource);
    for (const inner of (m as { modules?: Iterable<webpack.Module> }).modules ?? []) visit(inner);
  };
  for (const m of compilation.modules) visit(m);
  return files;
}

class ExtensionAssetsPlugin {
  constructor(private readonly target: Target) {}

  apply(compiler: webpack.Compiler): void {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap('ExtensionAssets', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'ExtensionAssets', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Record<
            string,
            unknown
          >;
          const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
            version: string;
          };
          const manifest = manifestFor(source, this.target, pkg.version);
          compilation.emitAsset('manifest.json', new RawSource(JSON.stringify(manifest, null, 2)));
          for (const file of staticFiles(this.target)) {
            // Pages and their styles sit at the extension's root; locales keep their folders.
            const out = file.startsWith('_locales/') ? file : file.replace(/^[a-z]+\//, '');
            compilation.emitAsset(out, new RawSource(readFileSync(join(root, 'src', file))));
          }
          for (const icon of renderIconPngs(join(root, 'icons'))) {
            compilation.emitAsset(icon.file, new RawSource(icon.data));
          }
          // Portwatch's licence, and those of the packages in its bundles, go with every build.
          compilation.emitAsset('LICENSE', new RawSource(readFileSync(join(root, 'LICENSE'))));
        },
      );
      compilation.hooks.processAssets.tap(
        { name: 'ExtensionAssets', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          compilation.emitAsset(
            'THIRD-PARTY-NOTICES.txt',
            new RawSource(noticesFor(bundledFiles(compilation))),
          );
        },
      );
      const deps = [
        'manifest.json',
        'package.json',
        'LICENSE',
        'icons',
        'src/_locales',
        'src/popup',
      ];
      for (const dep of [
        ...deps,
        'src/options',
        'src/history',
        'src/shared',
        'src/managed-schema.json',
      ]) {
        compilation.fileDependencies.add(join(root, dep));
      }
    });
  }
}

function configFor(target: Target, mode: 'production' | 'development'): webpack.Configuration {
  return {
    name: target,
    mode,
    // Never eval-based source maps: extension pages forbid eval, and stores reject it.
    devtool: mode === 'production' ? false : 'source-map',
    entry: {
      background: './src/background/index.ts',
      popup: './src/popup/index.tsx',
      options: './src/options/index.tsx',
      history: './src/history/index.tsx',
      content: './src/content/index.ts',
    },
    output: {
      path: resolve(root, 'dist', target),
      filename: '[name].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          // Type checking is `npm run typecheck`, once for the whole tree, not per target.
          options: { transpileOnly: true },
        },
        {
          test: /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/,
          loader: resolve(root, 'scripts/no-raw-html-loader.cjs'),
        },
      ],
    },
    performance: { hints: false },
    optimization: { splitChunks: false },
    plugins: [new ExtensionAssetsPlugin(target)],
  };
}

export default (_env: unknown, argv: { mode?: string }): webpack.Configuration[] => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  return TARGETS.map((target) => configFor(target, mode));
};
