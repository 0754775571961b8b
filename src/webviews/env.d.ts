// esbuild bundles imported CSS into <panel>.css; the import itself has no value.
declare module '*.css';
