// ESLint for the TypeScript of src/, test/, bench/, examples/ and scripts/, with type information
// from tsconfig.json (typescript-eslint's project service), and for the plain JavaScript beside it.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test/fixtures/**',
      // Built or written by runs: the portable archive's tree, run folders, demo data.
      '.portable/**',
      'runs/**',
      'data/**',
      '.tmp/**',
      // Outside tsconfig.json (the package consumer is compiled by its own test; the portable build is bundled by esbuild).
      'test/package/consumer.ts',
      'scripts/portable/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Streams and servers: a promise nobody awaits or catches is a lost error.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // tsc's noUnusedLocals/noUnusedParameters report these already, with `_` for a deliberate gap.
      '@typescript-eslint/no-unused-vars': 'off',
      // Shapes in messages print as `2,3,4` on purpose (`[${x.shape}]`).
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowArray: true, allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      // An `async` function without `await` is kept where the contract is a promise (a throw becomes a rejection).
      '@typescript-eslint/require-await': 'off',
      // Type-only imports say so (verbatimModuleSyntax needs it); `import('…').T` annotations are
      // allowed: they name types of modules that are loaded lazily, on purpose.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // Errors caught from libraries are `unknown` and are passed on as they came.
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // Module namespaces from `await import()` and closure-based objects are destructured; none of their functions use `this`.
      '@typescript-eslint/unbound-method': 'off',
      // Messages show whatever value a user gave, via String(value) of unknown input.
      '@typescript-eslint/no-base-to-string': 'off',
      // Control characters are matched on purpose (terminal output is cleaned of them).
      'no-control-regex': 'off',
      // tfjs ops take their result's rank from the caller (`mean<T>`, `runKernel`): the rule's contextual-inference
      // report would trade each `as tf.Tensor2D` for a type argument that does not compile. Plain redundant
      // assertions were removed once; tsc's checks remain.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Unpickled PyTorch objects and the untyped operator chain are `any` by nature; they are checked by shape at run time.
    files: [
      'src/models/torch/**/*.ts',
      'src/torchrun/**/*.ts',
      'src/train/checkpoint/torchrun-resume.ts',
      'src/train/optim/torch-optimizer-state.ts',
      'src/data/operators/fusion.ts',
      'src/data/operators/compose.ts',
    ],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Tests and benches read JSON references (PyTorch outputs, fixtures) and ava contexts, typed `any` by nature.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Messages of failed assertions print what came (typed arrays, unknown flag values).
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      // Expected terminal output is matched with its literal column spaces.
      'no-regex-spaces': 'off',
      // Terse test loops use comma expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Local HTTP servers take async handlers; a failure shows as the test's own failure.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/dashboard/page/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
);
