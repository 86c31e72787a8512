import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base32, chainNames, endpointChainName, portProtoHash, probability, sha256, toHex } from '../../../src/core/sim/index';
import type { SimService } from '../../../src/core/sim/index';

test('sha256 matches the FIPS 180-4 test vectors', () => {
  assert.equal(toHex(sha256('')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(toHex(sha256('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(toHex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  assert.equal(toHex(sha256('a'.repeat(1000))), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
  // 55 and 56 bytes straddle the padding boundary.
  assert.equal(toHex(sha256('a'.repeat(55))), '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318');
  assert.equal(toHex(sha256('a'.repeat(56))), 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a');
  assert.equal(toHex(sha256('é')), toHex(sha256(Uint8Array.from([0xc3, 0xa9]))));
});

test('base32 matches RFC 4648', () => {
  const enc = (s: string) => base32(Uint8Array.from([...s].map((c) => c.charCodeAt(0))));
  assert.equal(enc(''), '');
  assert.equal(enc('f'), 'MY======');
  assert.equal(enc('fo'), 'MZXQ====');
  assert.equal(enc('foo'), 'MZXW6===');
  assert.equal(enc('foob'), 'MZXW6YQ=');
  assert.equal(enc('fooba'), 'MZXW6YTB');
  assert.equal(enc('foobar'), 'MZXW6YTBOI======');
});

test('chain names equal the ones real kube-proxy writes for kubernetes and kube-dns', () => {
  assert.equal(portProtoHash('default/kubernetes:https', 'TCP'), 'NPX46M4PTMTKRN6Y');
  assert.equal(portProtoHash('kube-system/kube-dns:dns', 'UDP'), 'TCOU7JCQXEZGVUNU');
  assert.equal(portProtoHash('kube-system/kube-dns:dns-tcp', 'TCP'), 'ERIFXISQEP7F7OF4');
  assert.equal(portProtoHash('kube-system/kube-dns:metrics', 'TCP'), 'JD5MR3NA4I4DYORP');
  const svc = { namespace: 'default', name: 'kubernetes' } as SimService;
  const sp = { name: 'https', port: 443, targetPort: 6443, nodePort: null, protocol: 'TCP' };
  assert.deepEqual(chainNames(svc, sp), { svc: 'KUBE-SVC-NPX46M4PTMTKRN6Y', svl: 'KUBE-SVL-NPX46M4PTMTKRN6Y', ext: 'KUBE-EXT-NPX46M4PTMTKRN6Y', fw: 'KUBE-FW-NPX46M4PTMTKRN6Y' });
  const sep = endpointChainName(svc, sp, { ip: '10.0.0.1', port: 6443 });
  assert.match(sep, /^KUBE-SEP-[A-Z2-7]{16}$/);
  assert.equal(sep, 'KUBE-SEP-' + base32(sha256('default/kubernetes:httpstcp10.0.0.1:6443')).slice(0, 16));
});

test('rule probabilities are 1/(n-i) printed with ten decimals (G51)', () => {
  assert.deepEqual([0, 1].map((i) => probability(3, i)), ['0.3333333333', '0.5000000000']);
  assert.equal(probability(4, 0), '0.2500000000');
  assert.equal(probability(7, 0), '0.1428571429');
});
