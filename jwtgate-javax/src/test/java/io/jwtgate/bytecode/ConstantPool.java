package io.jwtgate.bytecode;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The constant pool of one class file (JVMS §4.4), read without a bytecode library: every text the
 * class holds (class names, member names, descriptors, generic signatures, string constants,
 * annotation values are all {@code CONSTANT_Utf8} entries) and every field and method it refers to.
 */
final class ConstantPool {

    /** A field or method reference: {@code owner} in internal form, e.g. {@code javax/servlet/Filter}. */
    record MemberRef(boolean method, String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner + "." + name + descriptor;
        }
    }

    private final String[] utf8;
    private final int[] first;
    private final int[] second;
    private final byte[] tags;

    private ConstantPool(int count) {
        utf8 = new String[count];
        first = new int[count];
        second = new int[count];
        tags = new byte[count];
    }

    static ConstantPool read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        ConstantPool pool = new ConstantPool(count);
        for (int i = 1; i < count; i++) {
            byte tag = in.readByte();
            pool.tags[i] = tag;
            switch (tag) {
                case 1 -> pool.utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> pool.first[i] = in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    pool.first[i] = in.readUnsignedShort();
                }
                case 3, 4 -> in.readInt();
                case 9, 10, 11, 12, 17, 18 -> {
                    pool.first[i] = in.readUnsignedShort();
                    pool.second[i] = in.readUnsignedShort();
                }
                case 5, 6 -> {
                    in.readLong();
                    i++; // a long or double takes two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        return pool;
    }

    /** Every {@code CONSTANT_Utf8}: the only place a class file keeps text. */
    List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (String s : utf8) {
            if (s != null) {
                texts.add(s);
            }
        }
        return texts;
    }

    /** The classes named by {@code CONSTANT_Class} entries (arrays in descriptor form). */
    List<String> classes() {
        List<String> classes = new ArrayList<>();
        for (int i = 1; i < tags.length; i++) {
            if (tags[i] == 7) {
                classes.add(utf8[first[i]]);
            }
        }
        return classes;
    }

    List<MemberRef> members() {
        List<MemberRef> refs = new ArrayList<>();
        for (int i = 1; i < tags.length; i++) {
            if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                String owner = utf8[first[first[i]]];
                int nameAndType = second[i];
                refs.add(new MemberRef(tags[i] != 9, owner, utf8[first[nameAndType]], utf8[second[nameAndType]]));
            }
        }
        return refs;
    }
}
