#!/usr/bin/env node
// Writes the benchmark manifest: N apps, each a Deployment (named container ports, readiness probe) and a
// Service of a varying type, plus an Ingress for every fourth app. 1,000 apps ≈ 2,250 documents ≈ 1 MB.
// usage: node bench/generate.mjs [apps=1000] [out=bench/.data/apps-1000.yaml]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function generate(apps) {
  const types = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ClusterIP'];
  const docs = [];
  for (let i = 0; i < apps; i++) {
    const name = `app-${String(i).padStart(4, '0')}`;
    const ns = `team-${i % 20}`;
    const type = types[i % types.length];
    docs.push(`# ${name}: deployment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${name}
spec:
  replicas: ${1 + (i % 4)}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
        app.kubernetes.io/part-of: shop
        tier: ${i % 3 === 0 ? 'frontend' : 'backend'}
    spec:
      containers:
        - name: main
          image: registry.example.com/shop/${name}:1.${i % 10}.0
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: metrics
              containerPort: 9090
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 5
            periodSeconds: 10
`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${name}
spec:
  type: ${type}
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http${type === 'NodePort' ? `\n      nodePort: ${30000 + i}` : ''}
    - name: metrics
      port: 9090
      targetPort: metrics
`);
    if (i % 4 === 0) {
      docs.push(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  ingressClassName: nginx
  rules:
    - host: ${name}.shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  name: http
          - path: /api
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  number: 80
`);
    }
  }
  return docs.join('---\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const apps = Number(process.argv[2] ?? 1000);
  const out = process.argv[3] ?? `bench/.data/apps-${apps}.yaml`;
  mkdirSync(dirname(out), { recursive: true });
  const text = generate(apps);
  writeFileSync(out, text);
  console.log(`${out}: ${apps} apps, ${text.split(/^---$/m).length} documents, ${(text.length / 1024 / 1024).toFixed(2)} MB`);
}
