// Starts GraphiQL on the explorer page (src/http/explorer.ts). Plain browser script: React, ReactDOM, graphqlWs and
// GraphiQL are the globals of the UMD files loaded before it; the settings come from the page's JSON data block.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('sitrep-explorer-config').textContent);
  var wsUrl = (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + config.endpoint;

  // A WebSocket carries its API key in connectionParams, fixed for the connection: one client per set of headers
  // typed in the headers editor, the last few kept.
  var MAX_CLIENTS = 4;
  var fetchers = new Map();
  function fetcherFor(headers) {
    var key = JSON.stringify(headers || {});
    var entry = fetchers.get(key);
    if (entry === undefined) {
      var wsClient = graphqlWs.createClient({ url: wsUrl, lazy: true, connectionParams: headers || {} });
      entry = { wsClient: wsClient, fetcher: GraphiQL.createFetcher({ url: config.endpoint, wsClient: wsClient }) };
      fetchers.set(key, entry);
      if (fetchers.size > MAX_CLIENTS) {
        var oldest = fetchers.keys().next().value;
        fetchers.get(oldest).wsClient.dispose();
        fetchers.delete(oldest);
      }
    }
    return entry.fetcher;
  }

  function fetcher(params, options) {
    return fetcherFor(options && options.headers)(params, options);
  }

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: config.tabs,
      defaultEditorToolsVisibility: true,
    }),
  );
})();
