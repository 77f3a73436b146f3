// The API's and the workers' own logs in tests: warnings and errors only, unless a run asks
// for more (LOG_LEVEL=info npx jest …). Tests that read logs pass their own level.
process.env.LOG_LEVEL ??= 'warn';
