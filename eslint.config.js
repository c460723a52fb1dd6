// One linter for the whole tree: typed rules for TypeScript, hook rules for screens.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { LAYERS, STEP_VIEW_FILES } from './scripts/layers.mjs';

const FOLDERS = Object.keys(LAYERS);

/** One zone per folder: it may not import any folder its row in LAYERS leaves out. */
function layerZones() {
  return FOLDERS.flatMap((folder) => {
    const others = FOLDERS.filter((f) => f !== folder && !LAYERS[folder].includes(f));
    const targets = folder.startsWith('src/') ? [`./${folder}`, `./${folder}.ts`] : [`./${folder}`];
    const zones = others.map((other) => ({
      target: targets,
      from: `./${other}`,
      message: `${folder} may not import ${other} (see scripts/layers.mjs and docs/architecture.md).`,
    }));
    if (folder === 'screens') {
      // Screens may read a step's view types, nothing else of the step.
      zones.push({
        target: targets,
        from: './src/steps/**',
        except: STEP_VIEW_FILES.map((f) => `**/${f}`),
        message: 'Screens import only the view types a step hands them (state.ts, contract/).',
      });
    }
    return zones;
  });
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      // The sources import `./x.js` for `./x.ts`, as Node's ESM resolution of the build wants.
      'import-x/resolver-next': [
        importX.createNodeResolver({
          extensions: ['.ts', '.tsx', '.js', '.mjs'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones() }],
      ...reactHooks.configs.recommended.rules,
      'no-console': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Screens render; they never talk to a cluster. Every string they print goes through the one
    // Text that shows control characters, and every key through the one key bus.
    files: ['screens/**'],
    ignores: ['screens/VisibleText.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'ink',
              importNames: ['Text', 'useInput', 'usePaste'],
              message:
                "Use screens/VisibleText.tsx (it shows control characters) and useKeys (the one key bus), not Ink's.",
            },
          ],
          patterns: [
            {
              group: ['@kubernetes/*', '@azure/*'],
              message: 'Screens render state; client calls belong in src/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**', 'test/bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
