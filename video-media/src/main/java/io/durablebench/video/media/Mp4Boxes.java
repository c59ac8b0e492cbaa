package io.durablebench.video.media;

import io.durablebench.video.media.InvalidMediaException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ISO base media file format's box layer, read directly from the bytes: a check of the
 * top-level structure before JCodec sees the file (so a non-MP4, a truncated upload or a missing
 * index gets a precise error instead of whatever JCodec would throw), and the removal of the wall
 * clock from the files we write (so the same frames always give the same bytes).
 */
final class Mp4Boxes {
    /** Box types that hold other boxes, on the paths to the time-stamped headers. */
    private static final Set<String> HEADER_CONTAINERS = Set.of("moov", "trak", "mdia");
    /** Full boxes that start with creation and modification times. */
    private static final Set<String> TIME_STAMPED = Set.of("mvhd", "tkhd", "mdhd");

    record Box(String type, long offset, long size, int headerSize) {
        long end() {
            return offset + size;
        }
    }

    private Mp4Boxes() {
    }

    /**
     * The top-level boxes of a complete MP4: starts with 'ftyp', every box ends inside the file,
     * and there is a 'moov' (the index that says where the frames are).
     */
    static List<Box> checkTopLevel(byte[] bytes) {
        List<Box> boxes = new ArrayList<>();
        long offset = 0;
        while (offset < bytes.length) {
            Box box = readBox(bytes, offset, bytes.length, boxes.isEmpty());
            boxes.add(box);
            offset = box.end();
        }
        if (boxes.stream().noneMatch(b -> b.type().equals("moov"))) {
            if (boxes.stream().anyMatch(b -> b.type().equals("moof"))) {
                throw new InvalidMediaException(Problem.UNSUPPORTED,
                        "fragmented MP4 ('moof' boxes) is not supported; a regular MP4 with a 'moov' index is needed");
            }
            throw new InvalidMediaException(Problem.TRUNCATED,
                    "MP4 has no 'moov' box (the index of its frames): the file is incomplete; it has "
                            + boxes.stream().map(Box::type).toList());
        }
        return boxes;
    }

    private static Box readBox(byte[] b, long offset, long limit, boolean first) {
        long remaining = limit - offset;
        if (remaining < 8) {
            if (first) {
                throw new InvalidMediaException(Problem.NOT_MP4, "not an MP4 file: only " + remaining + " bytes");
            }
            throw new InvalidMediaException(Problem.TRUNCATED,
                    "MP4 is truncated: " + remaining + " stray bytes at offset " + offset + " after the last box");
        }
        int at = (int) offset;
        long size = u32(b, at);
        String type = fourcc(b, at + 4);
        if (type == null) {
            if (first) {
                throw new InvalidMediaException(Problem.NOT_MP4,
                        "not an MP4 file: it does not start with a box header (first bytes " + hex(b, at, 8) + ")");
            }
            throw new InvalidMediaException(Problem.CORRUPT,
                    "MP4 is corrupt: no valid box header at offset " + offset + " (bytes " + hex(b, at, 8) + ")");
        }
        if (first && !type.equals("ftyp")) {
            throw new InvalidMediaException(Problem.NOT_MP4,
                    "not an MP4 file: it must start with an 'ftyp' box, but starts with '" + type + "'");
        }
        int header = 8;
        if (size == 1) {
            if (remaining < 16) {
                throw new InvalidMediaException(Problem.TRUNCATED, "MP4 is truncated inside the header of box '" + type + "'");
            }
            size = u64(b, at + 8);
            header = 16;
        } else if (size == 0) {
            size = remaining; // "extends to the end of the file", allowed for the last box
        }
        if (size < header) {
            throw new InvalidMediaException(Problem.CORRUPT, "MP4 is corrupt: box '" + type + "' at offset " + offset
                    + " declares an impossible size of " + size + " bytes");
        }
        if (size > remaining) {
            throw new InvalidMediaException(Problem.TRUNCATED,
                    "MP4 is truncated: box '" + type + "' at offset " + offset + " declares " + size
                            + " bytes but only " + remaining + " remain in the file");
        }
        return new Box(type, offset, size, header);
    }

    /**
     * Sets the creation and modification times of the movie, track and media headers to 0
     * (1904-01-01, the format's epoch). JCodec writes the current time there, which would make
     * every encode of the same frames a different file.
     */
    static void clearTimestamps(byte[] bytes) {
        clearIn(bytes, 0, bytes.length);
    }

    private static void clearIn(byte[] bytes, long from, long to) {
        long offset = from;
        while (offset + 8 <= to) {
            Box box = readBox(bytes, offset, to, false);
            long body = box.offset() + box.headerSize();
            if (HEADER_CONTAINERS.contains(box.type())) {
                clearIn(bytes, body, box.end());
            } else if (TIME_STAMPED.contains(box.type())) {
                int version = bytes[(int) body] & 0xff;
                int times = version == 1 ? 16 : 8; // two 64-bit or two 32-bit fields after version+flags
                java.util.Arrays.fill(bytes, (int) body + 4, (int) body + 4 + times, (byte) 0);
            }
            offset = box.end();
        }
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
    }

    private static long u64(byte[] b, int at) {
        long v = (u32(b, at) << 32) | u32(b, at + 4);
        return v < 0 ? Long.MAX_VALUE : v;
    }

    /** The box type, or null unless it is four printable ASCII characters. */
    private static String fourcc(byte[] b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int v = b[at + i] & 0xff;
            if (v < 0x20 || v > 0x7e) {
                return null;
            }
            c[i] = (char) v;
        }
        return new String(c);
    }

    private static String hex(byte[] b, int at, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = at; i < Math.min(b.length, at + n); i++) {
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }
}
