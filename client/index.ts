export { CubcanvasClient, RequestFailedError, type StartedRequest } from './cubcanvas-client';
export type { GenerateImageInput } from '../domain/request';
export type { GenerateImageResult, GenerateImageCompleted, GenerateImageRejected, RequestProgress } from '../domain/pipeline';
export { InvalidRequestError } from '../domain/errors';
