// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'var/', 'dist/', 'coverage/', 'db/migrations/Migration*.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The console's one browser script (api/console/index.ts serves it beside Chart.js).
    files: ['api/console/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { document: 'readonly', window: 'readonly', Chart: 'readonly' },
    },
  },
  {
    // Workflow code is replayed: it may import only the workflow SDK, domain rules and
    // activity *types* (docs/architecture.md; samples-typescript's shared lint rule).
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https'],
              message: 'no I/O in workflow code',
            },
            {
              group: ['@mikro-orm/*', 'pg', 'nodemailer', 'fastify', 'fastify-*', '@fastify/*', 'undici'],
              message: 'no I/O in workflow code',
            },
            {
              // Any relative depth: workflows/<process>/x.ts reaches db/ as '../../db/…'.
              group: [
                '**/db',
                '**/db/**',
                '**/api',
                '**/api/**',
                '**/workers',
                '**/workers/**',
                '**/config',
                '**/config/**',
                '**/temporal',
                '**/temporal/**',
                '**/platform',
                '**/platform/**',
                '**/scripts/**',
              ],
              message: 'workflows import only domain/ and activity types',
            },
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'import activity types only (import type), call them through proxyActivities',
            },
            {
              group: ['**/domain/service-calendar'],
              message: 'calendars are computed in activities so holiday data never changes a replay',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
