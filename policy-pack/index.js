// The Pulumi CrossGuard policy pack of hf-serving-constructs:
//   pulumi preview --policy-pack node_modules/hf-serving-constructs/policy-pack
// The policies are built by the library (lib/pulumi-policy); this program only serves them.
const { PolicyPack } = require('@pulumi/policy');
const { hfServingPolicies } = require('../lib/pulumi-policy');

new PolicyPack('hf-serving', { policies: hfServingPolicies() });
