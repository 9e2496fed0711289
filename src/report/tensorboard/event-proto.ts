import protobuf from 'protobufjs';

/**
 * The part of TensorBoard's `event.proto` and `summary.proto` that rxtrain writes: field numbers and
 * types as TensorFlow defines them, so `tensorboard --logdir` reads the files.
 */
const EVENT_PROTO = `
syntax = "proto3";
package tensorboard;

message Event {
  double wall_time = 1;
  int64 step = 2;
  oneof what {
    string file_version = 3;
    Summary summary = 5;
    SessionLog session_log = 7;
  }
}

message SessionLog {
  enum SessionStatus {
    STATUS_UNSPECIFIED = 0;
    START = 1;
    STOP = 2;
    CHECKPOINT = 3;
  }
  SessionStatus status = 1;
  string checkpoint_path = 2;
  string msg = 3;
}

message Summary {
  message Image {
    int32 height = 1;
    int32 width = 2;
    int32 colorspace = 3;
    bytes encoded_image_string = 4;
  }
  message Value {
    string tag = 1;
    oneof value {
      float simple_value = 2;
      Image image = 4;
    }
  }
  repeated Value value = 1;
}
`;

const root = protobuf.parse(EVENT_PROTO, { keepCase: true }).root;

const EventMessage = root.lookupType('tensorboard.Event');

/** `SessionLog.START`: TensorBoard drops what an earlier, abandoned run logged at this step and later. */
export const SESSION_START = 1;

export interface ScalarValue {
  readonly tag: string;
  readonly simple_value: number;
}

export interface ImageValue {
  readonly tag: string;
  /** A PNG with `colorspace` channels (1 grey, 3 RGB, 4 RGBA). */
  readonly image: {
    readonly height: number;
    readonly width: number;
    readonly colorspace: number;
    readonly encoded_image_string: Uint8Array;
  };
}

export interface EventFields {
  readonly wall_time: number;
  readonly step?: number;
  readonly file_version?: string;
  readonly summary?: { readonly value: readonly (ScalarValue | ImageValue)[] };
  readonly session_log?: { readonly status: number };
}

/** One serialised `tensorboard.Event`. */
export function encodeEvent(fields: EventFields): Uint8Array {
  const problem = EventMessage.verify(fields);
  if (problem !== null) throw new TypeError(`tensorboard Event: ${problem}`);
  return EventMessage.encode(EventMessage.fromObject(fields)).finish();
}
