export { describeProxy, type ProxySettings } from './describe-proxy.js';
export {
  type DoctorCheck,
  type DoctorOptions,
  type DoctorProblem,
  type DoctorReport,
  gatherDoctorReport,
} from './gather-doctor-report.js';
export { maskToken } from './mask-token.js';
