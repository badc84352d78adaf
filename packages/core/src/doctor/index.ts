export { describeProxy, type ProxySettings } from './describe-proxy.js';
export {
  type DoctorCheck,
  type DoctorOptions,
  type DoctorProblem,
  type DoctorReport,
  describeProblem,
  gatherDoctorReport,
} from './gather-doctor-report.js';
export { maskToken } from './mask-token.js';
