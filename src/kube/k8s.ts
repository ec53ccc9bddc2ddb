// The one import of cdk8s-plus: moving to a newer cdk8s-plus-NN is a change to this line.
// Only its generated L1 classes are used; importing them directly skips requiring the high-level
// constructs (~60 ms of start-up on every conversion).
export * as k8s from 'cdk8s-plus-32/lib/imports/k8s';
