// The one import of cdk8s-plus: moving to a newer cdk8s-plus-NN is a change to this line.
export { k8s } from 'cdk8s-plus-27';
