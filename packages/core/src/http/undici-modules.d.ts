// undici has no exports map, so its files can be imported one by one: undici-parts.ts says why.
// Their types are the package's own.
declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  import type { EnvHttpProxyAgent } from 'undici';

  const EnvHttpProxyAgentClass: typeof EnvHttpProxyAgent;
  export default EnvHttpProxyAgentClass;
}

declare module 'undici/lib/dispatcher/dispatcher.js' {
  import type { Dispatcher } from 'undici';

  const DispatcherClass: typeof Dispatcher;
  export default DispatcherClass;
}

declare module 'undici/lib/api/index.js' {
  import type { Dispatcher } from 'undici';

  type Method<Name extends keyof Dispatcher> = (
    this: Dispatcher,
    ...args: never[]
  ) => ReturnType<Dispatcher[Name]>;
  const api: {
    /** Dispatcher#request, called with the dispatcher as `this`. */
    request: (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
    stream: Method<'stream'>;
    pipeline: Method<'pipeline'>;
    upgrade: Method<'upgrade'>;
    connect: Method<'connect'>;
  };
  export default api;
}
