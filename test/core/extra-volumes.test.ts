import { ValidationError } from '../../src/core/errors';
import { envFromParts, validateEnvFrom } from '../../src/core/env-from';
import { extraMounts, extraPodVolumes, validateExtraVolumes } from '../../src/core/extra-volumes';
import { downloadProxyEgress, downloadProxyEnv, downloadProxyVolume, validateDownloadProxy } from '../../src/core/download-proxy';
import { KnativeFeature } from '../../src/core/knative';

const P = 'serving/chat';
const err = (f: () => void) => { try { f(); } catch (e) { return e as ValidationError; } throw new Error('no error'); };
const owned = { volumeNames: ['tmp', 'home', 'model'], mountPaths: ['/tmp', '/home/serving', '/mnt/models', '/dev/shm'] };

describe('volumes and volumeMounts', () => {
  const vols = [
    { name: 'prompts', configMap: { name: 'chat-prompts', items: [{ key: 'system', path: 'system.txt' }] } },
    { name: 'certs', secret: { secretName: 'client-certs' } },
    { name: 'lexicon', persistentVolumeClaim: { claimName: 'lexicon' } },
  ];
  const mounts = [{ name: 'prompts', mountPath: '/etc/hf-serving/prompts' }, { name: 'lexicon', mountPath: '/opt/lexicon', subPath: 'v2' }];

  test('render read-only: claims with readOnly, every mount readOnly', () => {
    expect(() => validateExtraVolumes(P, vols, mounts, owned, false, undefined)).not.toThrow();
    expect(extraPodVolumes(vols)).toEqual([
      { name: 'prompts', configMap: { name: 'chat-prompts', items: [{ key: 'system', path: 'system.txt' }] } },
      { name: 'certs', secret: { secretName: 'client-certs' } },
      { name: 'lexicon', persistentVolumeClaim: { claimName: 'lexicon', readOnly: true } },
    ]);
    expect(extraMounts(mounts)).toEqual([
      { name: 'prompts', mountPath: '/etc/hf-serving/prompts', readOnly: true },
      { name: 'lexicon', mountPath: '/opt/lexicon', readOnly: true, subPath: 'v2' },
    ]);
  });

  test.each([
    [[{ name: 'model', configMap: { name: 'x' } }], [], 'volumes[0].name "model" is a volume the construct adds itself'],
    [[{ name: 'a', configMap: { name: 'x' }, secret: { secretName: 'y' } }], [], 'must have exactly one source'],
    [[{ name: 'a', configMap: { name: 'x', items: [{ key: 'k', path: '../etc/passwd' }] } }], [], 'is not a key and a relative file path'],
    [[{ name: 'a', configMap: { name: 'x' } }], [{ name: 'b', mountPath: '/opt/b' }], 'volumeMounts[0].name "b" names no entry of volumes'],
    [[{ name: 'a', configMap: { name: 'x' } }], [{ name: 'a', mountPath: '/mnt/models/extra' }], 'overlaps /mnt/models, which the construct mounts'],
    [[{ name: 'a', configMap: { name: 'x' } }], [{ name: 'a', mountPath: '/mnt' }], 'overlaps /mnt/models'],
    [[{ name: 'a', configMap: { name: 'x' } }], [{ name: 'a', mountPath: '/tmp' }], 'overlaps /tmp'],
    [[{ name: 'a', configMap: { name: 'x' } }], [{ name: 'a', mountPath: '/etc' }], 'covers the system path /etc'],
    [[{ name: 'a', configMap: { name: 'x' } }], [{ name: 'a', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }], 'covers the system path /var/run/secrets'],
    [[{ name: 'a', configMap: { name: 'x' } }], [{ name: 'a', mountPath: '/var' }], 'covers the system path /var/run/secrets'],
    [[{ name: 'a', configMap: { name: 'x' } }], [{ name: 'a', mountPath: 'relative' }], 'is not an absolute path'],
    [[{ name: 'a', configMap: { name: 'x' } }], [{ name: 'a', mountPath: '/opt/a', readOnly: false }], 'volumeMounts[0].readOnly false would make the volume writable'],
    [[{ name: 'a', configMap: { name: 'x' } }], [{ name: 'a', mountPath: '/opt/a', subPath: '../x' }], 'is not a relative path inside the volume'],
  ])('refuses %j %j', (v, m, message) => {
    expect(err(() => validateExtraVolumes(P, v as never, m as never, owned, false, undefined)).message).toContain(message);
  });

  test('a mount below /etc (e.g. a CA directory) is allowed', () => {
    expect(() => validateExtraVolumes(P, [{ name: 'a', configMap: { name: 'x' } }], [{ name: 'a', mountPath: '/etc/ssl/custom' }], owned, false, undefined)).not.toThrow();
  });

  test('serverless: a claim needs the Knative PVC feature; ConfigMaps and Secrets do not', () => {
    expect(err(() => validateExtraVolumes(P, vols, [], owned, true, undefined)).message)
      .toContain('volumes[2].persistentVolumeClaim "lexicon" would be refused by Knative in KSERVE_SERVERLESS mode: it needs the config-features key "kubernetes.podspec-persistent-volume-claim"');
    expect(() => validateExtraVolumes(P, vols.slice(0, 2), [], owned, true, undefined)).not.toThrow();
    expect(() => validateExtraVolumes(P, vols, [], owned, true, [KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM])).not.toThrow();
  });
});

describe('envFrom', () => {
  const managed = new Set(['HF_HUB_OFFLINE', 'HOME']);
  test('keys become configMapKeyRef env; a prefix becomes envFrom', () => {
    const entries = [{ configMap: 'llm-settings', keys: ['LOG_FORMAT'] }, { configMap: 'app-settings', prefix: 'APP_' }];
    expect(() => validateEnvFrom(P, entries, managed)).not.toThrow();
    expect(envFromParts(entries)).toEqual({
      env: [{ name: 'LOG_FORMAT', valueFrom: { configMapKeyRef: { name: 'llm-settings', key: 'LOG_FORMAT' } } }],
      envFrom: [{ prefix: 'APP_', configMapRef: { name: 'app-settings' } }],
    });
  });

  test.each([
    [{ configMap: 'x' }, 'must give either keys or prefix'],
    [{ configMap: 'x', prefix: '' }, 'envFrom[0].prefix "" is not the start'],
    [{ configMap: 'x', prefix: 'VLLM_' }, 'lets the ConfigMap set variables such as VLLM_'],
    [{ configMap: 'x', prefix: 'V' }, 'lets the ConfigMap set variables such as VLLM_'],
    [{ configMap: 'x', prefix: 'ld_' }, 'LD_'],
    [{ configMap: 'x', keys: ['HF_HUB_OFFLINE'] }, 'envFrom[0].keys[0] "HF_HUB_OFFLINE" is refused as in env (env.HF_HUB_OFFLINE "" is set by the construct'],
    [{ configMap: 'x', keys: ['VLLM_SERVER_DEV_MODE'] }, 'exposes vLLM development endpoints'],
    [{ configMap: 'x', keys: ['AWS_SECRET_ACCESS_KEY'] }, 'looks like a secret'],
    [{ configMap: 'x', keys: [] }, 'is empty'],
    [{ configMap: 'X', keys: ['A'] }, 'is not a ConfigMap name'],
  ])('refuses %j', (e, message) => {
    expect(err(() => validateEnvFrom(P, [e as never], managed)).message).toContain(message);
  });
});

describe('downloadProxy', () => {
  const proxy = { httpsProxy: 'http://proxy.corp.example:3128', noProxy: '.svc,.cluster.local,10.0.0.0/8', caBundle: { name: 'corp-ca', key: 'ca.crt' } };
  test('env for every HTTP stack, the CA mounted read-only, egress to the proxy port', () => {
    expect(validateDownloadProxy(P, proxy)).toEqual({ host: 'proxy.corp.example', port: 3128 });
    const env = Object.fromEntries(downloadProxyEnv(proxy).map(e => [e.name, e.value]));
    expect(env).toEqual({
      HTTPS_PROXY: proxy.httpsProxy, https_proxy: proxy.httpsProxy, NO_PROXY: proxy.noProxy, no_proxy: proxy.noProxy,
      REQUESTS_CA_BUNDLE: '/etc/hf-serving/download-ca/ca.pem', CURL_CA_BUNDLE: '/etc/hf-serving/download-ca/ca.pem',
      SSL_CERT_FILE: '/etc/hf-serving/download-ca/ca.pem', AWS_CA_BUNDLE: '/etc/hf-serving/download-ca/ca.pem',
    });
    expect(downloadProxyVolume(proxy)).toEqual({
      volumes: [{ name: 'download-ca', configMap: { name: 'corp-ca', items: [{ key: 'ca.crt', path: 'ca.pem' }] } }],
      mounts: [{ name: 'download-ca', mountPath: '/etc/hf-serving/download-ca', readOnly: true }],
    });
    expect(downloadProxyEgress({ host: 'x', port: 3128 })).toEqual({ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }], ports: [{ protocol: 'TCP', port: 3128 }] });
    expect(validateDownloadProxy(P, { httpsProxy: 'http://10.1.2.3' })).toEqual({ host: '10.1.2.3', port: 80 });
    expect(downloadProxyVolume({ httpsProxy: 'http://p:1' })).toEqual({ volumes: [], mounts: [] });
  });

  test.each([
    [{ httpsProxy: 'proxy:3128' }, 'is not a proxy URL'],
    [{ httpsProxy: 'http://user:pass@proxy:3128' }, 'carries credentials in the URL'],
    [{ httpsProxy: 'http://proxy:70000' }, 'has a port outside 1-65535'],
    [{ httpsProxy: 'http://proxy:3128', noProxy: 'a b' }, 'downloadProxy.noProxy "a b"'],
    [{ httpsProxy: 'http://proxy:3128', caBundle: { name: 'Corp', key: 'ca.crt' } }, 'is not a ConfigMap key reference'],
  ])('refuses %j', (p, message) => {
    const e = err(() => validateDownloadProxy(P, p as never));
    expect(e.message).toContain(message);
    expect(e.message).not.toContain('pass@');
  });
});
