/**
 * Photos in an S3-compatible bucket (MinIO, AWS S3, Garage, Ceph, s3rver), path-style,
 * content-addressed: `originals/<sha256>.<ext>`, `thumbs/<sha256>.webp`. An upload of a
 * key already there is skipped, so uploads are idempotent and a cut sync resumes by
 * asking; files over 8 MiB go up in parts (multipart), each retried by the SDK.
 */
import { createReadStream } from 'node:fs';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { HubAddress } from './hub-address.js';

export const MULTIPART_PART_BYTES = 8 * 1024 * 1024;

export interface ObjectStore {
  has(key: string): Promise<boolean>;
  put(key: string, file: string, contentType: string): Promise<void>;
  get(key: string): Promise<AsyncIterable<Uint8Array>>;
  /** Creates the bucket when missing (the hub owner's set-up). */
  ensureBucket(): Promise<void>;
  close(): void;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

export function openObjectStore(address: HubAddress['objects']): ObjectStore {
  // Credentials: the SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile).
  const client = new S3Client({
    endpoint: address.endpoint,
    region: address.region,
    forcePathStyle: true,
    maxAttempts: 3,
  });
  const Bucket = address.bucket;
  return {
    async has(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
    async put(key, file, contentType) {
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: createReadStream(file), ContentType: contentType },
        partSize: MULTIPART_PART_BYTES,
        queueSize: 2,
        leavePartsOnError: false,
      });
      await upload.done();
    },
    async get(key) {
      const out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      if (!out.Body) throw new Error(`empty object ${key}`);
      return out.Body as unknown as AsyncIterable<Uint8Array>;
    },
    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
        await client.send(new CreateBucketCommand({ Bucket }));
      }
    },
    close() {
      client.destroy();
    },
  };
}
