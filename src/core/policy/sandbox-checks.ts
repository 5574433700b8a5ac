import { remoteCodeOn } from './engine-checks';
import { engineOf } from './engine-signatures';
import { perPod, Rule } from './rule';

/**
 * Remote code in a sandbox (M14): a model server that runs its repository's Python code should run
 * under a sandboxed RuntimeClass (gVisor, Kata), so that code meets a second kernel boundary.
 * Pod fragments completed elsewhere (ServingRuntime templates) are not judged.
 */
export const SANDBOX_RULES: readonly Rule[] = [
  {
    id: 'M14', title: 'remote code runs in a sandboxed runtime', severity: 'warning',
    source: 'Kubernetes RuntimeClass; gVisor and Kata Containers; own',
    fix: 'set runtimeClassName to a sandboxed RuntimeClass (e.g. "gvisor") for pods that run trust-remote-code models',
    run: perPod((p, add) => {
      const runs = p.containers.filter(c => {
        const e = engineOf(c);
        return e !== undefined && remoteCodeOn(c, e);
      });
      if (runs.length === 0) return;
      const rc = p.pod.runtimeClassName;
      if (typeof rc !== 'string' || rc === '') {
        const names = runs.map(c => c.name).join(', ');
        add(`${names} runs the model repository's Python code with the cluster's default container runtime (no runtimeClassName)`);
      }
    }, p => !p.partial),
  },
];
