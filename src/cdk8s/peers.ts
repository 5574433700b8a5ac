import { App, Chart } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { ValidationError } from '../core/errors';
import { NetworkPeer } from '../core/network';

/** A peer as the cdk8s front end accepts it: a plain `NetworkPeer` or a cdk8s-plus selector. */
export type AllowFromPeer = NetworkPeer | kplus.Pods | kplus.Namespaces;

/**
 * Convert cdk8s-plus selectors (`kplus.Pods.select(...)`, `kplus.Namespaces.select(...)`) to core
 * `NetworkPeer`s through cdk8s-plus's public API: a scratch `NetworkPolicy` with the selectors as
 * ingress peers is synthesized and its `from` entries are read back. Selections by label expression
 * cannot be expressed as a `NetworkPeer` and are refused.
 */
export function toNetworkPeers(path: string, peers: readonly AllowFromPeer[] | undefined): NetworkPeer[] | undefined {
  // anything but a list goes to the core, which refuses it with a ValidationError
  if (!Array.isArray(peers)) return peers as unknown as NetworkPeer[] | undefined;
  return peers.flatMap((peer, i) => {
    // only a selector has the method cdk8s-plus calls; cdk8s-plus then loads on first need
    if (!isPolicyPeer(peer)) return [peer as NetworkPeer];
    const kp = cdk8sPlus();
    type Rendered = { kind?: string; spec?: { ingress?: { from?: KubePeer[] }[] } };
    let policy: Rendered | undefined;
    try {
      const chart = new Chart(new App(), 'peers');
      new kp.NetworkPolicy(chart, 'scratch', { ingress: { rules: [{ peer }] } });
      policy = (chart.toJson() as Rendered[]).find(o => o.kind === 'NetworkPolicy');
    } catch (e) {
      throw new ValidationError(path, `allowFrom[${i}]`, '(selector object)',
        `could not be read as a network policy peer (${String((e as Error)?.message ?? e)})`,
        'pass kplus.Pods.select(...) / kplus.Namespaces.select(...) or a plain { namespace?, podLabels? } peer');
    }
    const from: KubePeer[] = policy?.spec?.ingress?.[0]?.from ?? [];
    return from.map(entry => fromKube(path, i, entry));
  });
}

/**
 * True for a cdk8s-plus network policy peer (`Pods`, `Namespaces`, an IP block), recognised by the
 * method cdk8s-plus's `NetworkPolicy` itself calls rather than by `instanceof`, so selectors from
 * another copy of cdk8s-plus are converted too (and an IP block is refused, not mistaken for a
 * plain peer).
 */
function isPolicyPeer(peer: unknown): peer is kplus.INetworkPolicyPeer {
  return typeof peer === 'object' && peer !== null
    && typeof (peer as { toNetworkPolicyPeerConfig?: unknown }).toNetworkPolicyPeerConfig === 'function';
}

/** cdk8s-plus, required when a peer is a selector. */
function cdk8sPlus(): typeof kplus {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('cdk8s-plus-28') as typeof kplus;
}

/** A NetworkPolicy peer as cdk8s-plus renders it. */
interface KubePeer {
  readonly ipBlock?: unknown;
  readonly namespaceSelector?: { readonly matchLabels?: Record<string, string>; readonly matchExpressions?: unknown[] };
  readonly podSelector?: { readonly matchLabels?: Record<string, string>; readonly matchExpressions?: unknown[] };
}

function fromKube(path: string, i: number, entry: KubePeer): NetworkPeer {
  const field = `allowFrom[${i}]`;
  const ns = entry.namespaceSelector;
  const pods = entry.podSelector;
  if (entry.ipBlock || ns?.matchExpressions?.length || pods?.matchExpressions?.length) {
    throw new ValidationError(path, field, entry, 'selects by label expression or IP block, which allowFrom cannot express',
      'select by namespace names or labels and pod labels');
  }
  const nsLabels: Record<string, string> | undefined = ns?.matchLabels;
  const name = nsLabels && Object.keys(nsLabels).length === 1 ? nsLabels['kubernetes.io/metadata.name'] : undefined;
  const podLabels: Record<string, string> | undefined = pods?.matchLabels && Object.keys(pods.matchLabels).length > 0 ? pods.matchLabels : undefined;
  if (ns && !nsLabels) {
    throw new ValidationError(path, field, entry, 'selects every namespace', 'name the namespaces the clients run in');
  }
  return {
    ...(name ? { namespace: name } : nsLabels ? { namespaceLabels: nsLabels } : {}),
    ...(podLabels ? { podLabels } : {}),
  };
}

/** The `allowFrom` prop of the cdk8s serving constructs: plain peers or cdk8s-plus selectors. */
export interface PeerSelectorProps {
  /**
   * Who may reach the serving port: `{ namespace?, podLabels? }` peers or cdk8s-plus selectors
   * (`kplus.Pods.select(...)`, `kplus.Namespaces.select(...)`).
   * @default - pods of the model's own namespace
   */
  readonly allowFrom?: readonly AllowFromPeer[];
}

/** A construct's core props with `allowFrom` widened to also take cdk8s-plus selectors. */
export type WithPeerSelectors<P extends { readonly allowFrom?: readonly NetworkPeer[] }> =
  Omit<P, 'allowFrom'> & {
    /**
     * Who may reach the serving port: `{ namespace?, podLabels? }` peers or cdk8s-plus selectors
     * (`kplus.Pods.select(...)`, `kplus.Namespaces.select(...)`).
     * @default - pods of the model's own namespace
     */
    readonly allowFrom?: readonly AllowFromPeer[];
  };

/** Convert a construct's `allowFrom` (plain peers or cdk8s-plus selectors) to the core's plain peers. */
export function withPlainPeers<P extends { readonly allowFrom?: readonly NetworkPeer[] }>(path: string, props: WithPeerSelectors<P>): P {
  const { allowFrom, ...rest } = props;
  const peers = toNetworkPeers(path, allowFrom);
  return { ...rest, ...(peers ? { allowFrom: peers } : {}) } as unknown as P;
}
