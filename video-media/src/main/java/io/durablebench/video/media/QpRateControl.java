package io.durablebench.video.media;

import org.jcodec.codecs.h264.encode.RateControl;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.common.model.Size;

/**
 * A constant quantizer with an overflow guard, for JCodec's H.264 encoder.
 *
 * <p>The encoder asks {@link #accept(int)} after coding each macroblock and re-codes it at
 * quantizer + delta while the answer is not 0; the new quantizer then carries on to the next
 * macroblocks. JCodec writes a picture into a buffer of width x height bytes, so a constant low
 * quantizer on detailed content overflows it (measured: quantizer 20 on noise throws
 * BufferOverflowException). Here a macroblock that needs more than its share of the buffer is
 * re-coded one quantizer step higher until it fits (or the quantizer reaches 51, or the step
 * reaches the 25 that one macroblock's quantizer change can code); once it fits
 * with room to spare the quantizer steps back down towards the target, at most one step per
 * macroblock and never straight after a step up, so it cannot oscillate.
 */
final class QpRateControl implements RateControl {
    /** H.264 codes a macroblock's quantizer change (mb_qp_delta) in -26..25. */
    private static final int MAX_STEPS_PER_MACROBLOCK = 25;
    private final int targetQp;
    private int bitsPerMacroblock;
    private int offset;
    private boolean justStepped;
    private int stepsThisMacroblock;

    QpRateControl(int targetQp) {
        this.targetQp = targetQp;
    }

    @Override
    public int startPicture(Size size, int maxBytes, SliceType sliceType) {
        int macroblocks = ((size.getWidth() + 15) >> 4) * ((size.getHeight() + 15) >> 4);
        bitsPerMacroblock = (int) Math.min(Integer.MAX_VALUE, (8L * maxBytes) / macroblocks);
        offset = 0;
        justStepped = false;
        return targetQp;
    }

    @Override
    public int initialQpDelta() {
        return 0;
    }

    @Override
    public int accept(int bits) {
        if (bits >= bitsPerMacroblock && targetQp + offset < EncodeSettings.MAX_QP
                && stepsThisMacroblock < MAX_STEPS_PER_MACROBLOCK) {
            offset++;
            stepsThisMacroblock++;
            justStepped = true;
            return 1;
        }
        if (!justStepped && offset > 0 && bits < bitsPerMacroblock / 2) {
            offset--;
            stepsThisMacroblock++;
            justStepped = true;
            return -1;
        }
        justStepped = false;
        stepsThisMacroblock = 0;
        return 0;
    }
}
