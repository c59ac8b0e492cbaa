package io.durablebench.video.media;

import io.durablebench.video.media.InvalidMediaException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.mp4.AvcCBox;
import org.jcodec.common.DemuxerTrack;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.containers.mp4.boxes.SampleEntry;
import org.jcodec.containers.mp4.boxes.VideoSampleEntry;
import org.jcodec.containers.mp4.demuxer.AbstractMP4DemuxerTrack;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;

/**
 * The H.264 video track of an MP4 held in memory, read frame by frame with JCodec's demuxer. Opening
 * checks the container and the codec; every JCodec failure becomes an {@link InvalidMediaException}
 * naming what could not be read.
 *
 * <p>JCodec's demuxer hands out each frame as an Annex B access unit and puts the stream's SPS and
 * PPS in front of every IDR frame, so a decoder can start at any keyframe.
 */
final class Mp4Reader {
    private final AbstractMP4DemuxerTrack track;
    private final SeqParameterSet sps;
    private final AvcCBox avcC;
    private final int frameCount;
    private final long sizeBytes;
    private int nextFrame;

    private Mp4Reader(AbstractMP4DemuxerTrack track, AvcCBox avcC, SeqParameterSet sps, int frameCount, long sizeBytes) {
        this.track = track;
        this.avcC = avcC;
        this.sps = sps;
        this.frameCount = frameCount;
        this.sizeBytes = sizeBytes;
    }

    static Mp4Reader open(byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidMediaException(Problem.EMPTY, "input is empty (0 bytes)");
        }
        Mp4Boxes.checkTopLevel(bytes);
        MP4Demuxer demuxer;
        try {
            demuxer = MP4Demuxer.createMP4Demuxer(MemoryChannel.reading(bytes));
        } catch (IOException | RuntimeException e) {
            throw new InvalidMediaException(Problem.CORRUPT, "MP4 index ('moov') cannot be read: " + describe(e));
        }
        List<DemuxerTrack> videos;
        try {
            videos = demuxer.getVideoTracks();
        } catch (RuntimeException e) {
            throw new InvalidMediaException(Problem.CORRUPT, "MP4 track list cannot be read: " + describe(e));
        }
        if (videos.isEmpty()) {
            List<String> kinds = demuxer.getTracks().stream()
                    .map(t -> {
                        var type = MP4Demuxer.getTrackType(t.getBox());
                        return type == null ? "unknown" : "'" + type.getHandler() + "'"; // handler type, e.g. 'soun'
                    })
                    .toList();
            throw new InvalidMediaException(Problem.NO_VIDEO_TRACK, "MP4 has no video track (tracks: " + kinds + ")");
        }
        if (videos.size() > 1) {
            throw new InvalidMediaException(Problem.UNSUPPORTED,
                    "MP4 has " + videos.size() + " video tracks; exactly one is supported");
        }
        AbstractMP4DemuxerTrack track = (AbstractMP4DemuxerTrack) videos.get(0);
        String fourcc = track.getFourcc();
        if (!"avc1".equals(fourcc) && !"avc3".equals(fourcc)) {
            throw new InvalidMediaException(Problem.WRONG_CODEC,
                    "video codec is '" + fourcc + "'; only H.264 ('avc1') is supported");
        }
        AvcCBox avcC = readAvcC(track);
        SeqParameterSet sps = readSps(avcC);
        long frames;
        try {
            frames = track.getFrameCount();
        } catch (RuntimeException e) {
            throw new InvalidMediaException(Problem.CORRUPT, "MP4 sample table cannot be read: " + describe(e));
        }
        if (frames <= 0) {
            throw new InvalidMediaException(Problem.EMPTY, "the video track has no frames");
        }
        return new Mp4Reader(track, avcC, sps, (int) Math.min(Integer.MAX_VALUE, frames), bytes.length);
    }

    private static AvcCBox readAvcC(AbstractMP4DemuxerTrack track) {
        SampleEntry[] entries = track.getSampleEntries();
        if (entries == null || entries.length == 0 || !(entries[0] instanceof VideoSampleEntry entry)) {
            throw new InvalidMediaException(Problem.CORRUPT, "H.264 track has no sample description");
        }
        AvcCBox avcC;
        try {
            avcC = H264Utils.parseAVCC(entry);
        } catch (RuntimeException e) {
            throw new InvalidMediaException(Problem.CORRUPT, "H.264 configuration ('avcC') cannot be read: " + describe(e));
        }
        if (avcC == null || avcC.getSpsList().isEmpty() || avcC.getPpsList().isEmpty()) {
            throw new InvalidMediaException(Problem.CORRUPT,
                    "H.264 track has no configuration ('avcC' box with SPS and PPS)");
        }
        return avcC;
    }

    private static SeqParameterSet readSps(AvcCBox avcC) {
        ByteBuffer nal = avcC.getSpsList().get(0).duplicate();
        if (nal.remaining() < 4) {
            throw new InvalidMediaException(Problem.CORRUPT, "H.264 configuration holds no sequence parameter set");
        }
        // JCodec's 'avcC' parser drops the NAL header byte (0x67) of the SPS; skip it if present. No
        // H.264 profile_idc has the header's bit pattern (forbidden bit 0, type 7), so this is unambiguous.
        if ((nal.get(nal.position()) & 0x9f) == 0x07) {
            nal.get();
        }
        SeqParameterSet sps;
        try {
            sps = H264Utils.readSPS(nal);
        } catch (RuntimeException e) {
            throw new InvalidMediaException(Problem.CORRUPT, "H.264 sequence parameter set cannot be read: " + describe(e));
        }
        if (!sps.frameMbsOnlyFlag) {
            throw new InvalidMediaException(Problem.UNSUPPORTED, "interlaced H.264 is not supported");
        }
        if (sps.chromaFormatIdc != ColorSpace.YUV420J && sps.chromaFormatIdc != ColorSpace.YUV420) {
            throw new InvalidMediaException(Problem.UNSUPPORTED,
                    "H.264 chroma format " + sps.chromaFormatIdc + " is not supported; only 4:2:0");
        }
        if (sps.bitDepthLumaMinus8 != 0 || sps.bitDepthChromaMinus8 != 0) {
            throw new InvalidMediaException(Problem.UNSUPPORTED, "only 8-bit H.264 is supported");
        }
        return sps;
    }

    /** The stream's SPS and PPS NAL units, in the order the 'avcC' box lists them. */
    List<ByteBuffer> parameterSets() {
        List<ByteBuffer> all = new java.util.ArrayList<>();
        avcC.getSpsList().forEach(b -> all.add(b.duplicate()));
        avcC.getPpsList().forEach(b -> all.add(b.duplicate()));
        return all;
    }

    /** Width and height of the decoded pictures in whole macroblocks (16x16), before cropping. */
    int codedWidth() {
        return (sps.picWidthInMbsMinus1 + 1) << 4;
    }

    int codedHeight() {
        return (sps.picHeightInMapUnitsMinus1 + 1) << 4;
    }

    /** Displayed size: the coded size minus the SPS's cropping (in 2-pixel units for 4:2:0). */
    int width() {
        return sps.frameCroppingFlag ? codedWidth() - 2 * (sps.frameCropLeftOffset + sps.frameCropRightOffset) : codedWidth();
    }

    int height() {
        return sps.frameCroppingFlag ? codedHeight() - 2 * (sps.frameCropTopOffset + sps.frameCropBottomOffset) : codedHeight();
    }

    int frameCount() {
        return frameCount;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    int timescale() {
        return (int) track.getTimescale();
    }

    /** Track duration from the index, in seconds; known before reading any frame. */
    double indexedDurationSeconds() {
        return track.getDuration().scalar();
    }

    /** Positions the reader so that {@link #next()} returns frame {@code frame}. */
    void seek(int frame) {
        if (frame < 0 || frame >= frameCount) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frameCount);
        }
        try {
            if (!track.gotoFrame(frame)) {
                throw new InvalidMediaException(Problem.CORRUPT, "cannot seek to frame " + frame);
            }
        } catch (RuntimeException e) {
            throw new InvalidMediaException(Problem.CORRUPT, "cannot seek to frame " + frame + ": " + describe(e));
        }
        nextFrame = frame;
    }

    /** The next frame, or null after the last. */
    Packet next() {
        if (nextFrame >= frameCount) {
            return null;
        }
        Packet p;
        try {
            p = track.nextFrame();
        } catch (IOException | RuntimeException e) {
            throw new InvalidMediaException(Problem.CORRUPT, "frame " + nextFrame + " cannot be read: " + describe(e));
        }
        if (p == null || p.getData() == null || !p.getData().hasRemaining()) {
            throw new InvalidMediaException(Problem.CORRUPT, "frame " + nextFrame + " is missing or empty");
        }
        nextFrame++;
        return p;
    }

    /** Index of the frame {@link #next()} returns next. */
    int position() {
        return nextFrame;
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + firstLine(m) + ")");
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
