export { CubcanvasClient, RequestFailedError, type ImageLocator, type StartedRequest } from './cubcanvas-client';
export type { GenerateImageInput } from '../domain/request';
export type { GenerateImageResult, GenerateImageCompleted, GenerateImageRecord, GenerateImageRejected, RequestProgress } from '../domain/pipeline';
export { InvalidRequestError } from '../domain/errors';
export { loadTemporalConnection, type TemporalSecurity } from '../temporal/connection-options';
