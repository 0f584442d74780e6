import { CloseCode, closeReason } from '@runsheet/protocol';
import { WebSocket } from 'ws';

/**
 * The ws socket class the relay uses. `ws` enforces `maxPayload` itself, before buffering the frame, but
 * then closes with the generic 1009 (Message Too Big); this maps that one code to the relay's own
 * FRAME_TOO_LARGE so clients see one vocabulary of close codes.
 */
export class RelaySocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    if (code === 1009) super.close(CloseCode.FRAME_TOO_LARGE, closeReason('FRAME_TOO_LARGE'));
    else super.close(code, data);
  }
}
