// One linter for the whole tree: typed rules for TypeScript, hook rules for screens.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
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
