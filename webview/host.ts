// The webview's side of the transport: VS Code's `acquireVsCodeApi()` inside the extension, or the
// parent window when the same bundle runs in the playground page's iframe.
import type { HostToWebview, UiState, WebviewToHost } from '../src/shared/protocol';
import { describeMessage, isHostToWebview } from '../src/shared/protocol';

export interface HostChannel {
  send(msg: WebviewToHost): void;
  onMessage(handler: (msg: HostToWebview) => void): void;
  getState(): unknown;
  setState(state: UiState): void;
  readonly inVsCode: boolean;
}

const STATE_KEY = 'serviceLab.visualize.state';

export function connectHost(): HostChannel {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi<UiState>() : undefined;
  const post = (msg: WebviewToHost) => {
    if (api) api.postMessage(msg);
    // The playground page is same-origin; '*' is not used so that no other frame can read messages.
    else window.parent.postMessage(msg, window.location.origin);
  };
  return {
    inVsCode: !!api,
    send: post,
    onMessage(handler) {
      window.addEventListener('message', (ev: MessageEvent<unknown>) => {
        if (!api && (ev.source !== window.parent || ev.origin !== window.location.origin)) return;
        if (!isHostToWebview(ev.data)) {
          post({ type: 'log', level: 'warn', message: `webview dropped a malformed message (${describeMessage(ev.data)})` });
          return;
        }
        handler(ev.data);
      });
    },
    getState() {
      if (api) return api.getState();
      try {
        const raw = window.sessionStorage.getItem(STATE_KEY);
        return raw ? (JSON.parse(raw) as unknown) : undefined;
      } catch {
        return undefined;
      }
    },
    setState(state) {
      if (api) api.setState(state);
      else {
        try {
          window.sessionStorage.setItem(STATE_KEY, JSON.stringify(state));
        } catch {
          // storage disabled: the state just is not restored after a reload
        }
      }
    },
  };
}
