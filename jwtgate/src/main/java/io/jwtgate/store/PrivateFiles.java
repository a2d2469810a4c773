package io.jwtgate.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files only their owner may read, in directories no other local user can write: what JwtGate's
 * default H2 database and the sample's development secret are kept in. On POSIX file systems
 * files are created {@code rw-------} and directories {@code rwx------} from the first moment
 * (the mode is given to the system call that creates them, so no wider window exists); the checks
 * say why a file or directory someone else could have planted or can replace must not be used.
 * On other file systems (Windows) nothing is checked and the inherited access list applies
 * (decision 133).
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final int STICKY = 01000;

    private PrivateFiles() {
    }

    /** Whether {@code path}'s file system has POSIX owners and permissions. */
    public static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * The user this JVM runs as, as {@code dir}'s file system names file owners: looked up by
     * {@code user.name}, or, where that name is unknown to the system (a container running under
     * an arbitrary uid without a passwd entry, where the JDK reports {@code ?}), the owner of a
     * file created in {@code dir} for the purpose and deleted again.
     */
    public static UserPrincipal currentUser(Path dir) throws IOException {
        try {
            return dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (UserPrincipalNotFoundException e) {
            Path probe = posix(dir.toAbsolutePath())
                    ? Files.createTempFile(dir, ".owner", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                    : Files.createTempFile(dir, ".owner", ".tmp");
            try {
                return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
            } finally {
                Files.delete(probe);
            }
        }
    }

    /** Creates {@code dir} and any missing parents {@code rwx------} (POSIX) or plainly (elsewhere). */
    public static void createDirectories(Path dir) throws IOException {
        if (posix(dir.toAbsolutePath())) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Creates an empty file {@code rw-------} (POSIX) unless something exists at {@code file}.
     *
     * @return whether the file was created
     */
    public static boolean createFileIfMissing(Path file) throws IOException {
        try {
            if (posix(file.toAbsolutePath())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } else {
                Files.createFile(file);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * The real path of the existing directory {@code dir}: every symbolic link resolved, once. The
     * checks of {@link #directoryProblem} and every later open use this path, never {@code dir}
     * again, so a link swapped in after the check is never followed (decision 152).
     */
    public static Path realDirectory(Path dir) throws IOException {
        return dir.toRealPath();
    }

    /**
     * Why another local user could plant or replace files in {@code realDir} (POSIX), checking it
     * and every directory above it up to the root, as OpenSSH's StrictModes does: a directory is
     * unsafe when it is owned by someone other than {@code user} or root (an owner can always
     * change its mode), or writable by its group or others without the sticky bit (anyone who may
     * write may rename another's entry away and put a link of his own in its place). A directory
     * writable by others with the sticky bit ({@code /tmp}) is accepted: there only an entry's
     * owner may rename it, and the entry below must itself pass the owner check. Files found in
     * {@code realDir} must then pass {@link #fileProblem}.
     *
     * @param realDir a path from {@link #realDirectory}, so no component is a symbolic link
     * @return empty when nobody else can replace any component of the path, or on a non-POSIX
     *     file system
     */
    public static Optional<String> directoryProblem(Path realDir, UserPrincipal user) throws IOException {
        if (!posix(realDir.toAbsolutePath())) {
            return Optional.empty();
        }
        for (Path dir = realDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            String which = dir.equals(realDir.toAbsolutePath()) ? "" : " (above " + realDir + ")";
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            UserPrincipal owner = attributes.owner();
            if (!owner.equals(user) && !isRoot(dir, owner)) {
                String runner = isRoot(dir, user) ? "root, who runs this" : user.getName() + " (who runs this) or root";
                return Optional.of(dir + which + " is owned by " + owner.getName() + ", not by " + runner
                        + ", and its owner can replace the files in it");
            }
            Set<PosixFilePermission> mode = attributes.permissions();
            boolean othersMayWrite = mode.contains(PosixFilePermission.GROUP_WRITE)
                    || mode.contains(PosixFilePermission.OTHERS_WRITE);
            if (othersMayWrite && !sticky(dir)) {
                return Optional.of(dir + which + " is writable by other users (" + PosixFilePermissions.toString(mode)
                        + ", no sticky bit), who can replace the files in it");
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code file} must not be trusted (POSIX): it is a symbolic link or not a regular file,
     * it belongs to another user than {@code user}, or ({@code ownerOnly}) its group or others
     * have any permission on it.
     *
     * @return empty when it may be used, or on a non-POSIX file system
     */
    public static Optional<String> fileProblem(Path file, UserPrincipal user, boolean ownerOnly) throws IOException {
        if (!posix(file.toAbsolutePath())) {
            return Optional.empty();
        }
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return Optional.of(file + " is a symbolic link");
        }
        if (!attributes.isRegularFile()) {
            return Optional.of(file + " is not a regular file");
        }
        if (!attributes.owner().equals(user)) {
            return Optional.of(file + " is owned by " + attributes.owner().getName() + ", not by " + user.getName()
                    + ", who runs this");
        }
        if (ownerOnly && !groupOrOthers(attributes.permissions()).isEmpty()) {
            return Optional.of(file + " may be used by other users (" + PosixFilePermissions.toString(
                    attributes.permissions()) + ")");
        }
        return Optional.empty();
    }

    /** The permissions of {@code mode} that concern group or others. */
    public static Set<PosixFilePermission> groupOrOthers(Set<PosixFilePermission> mode) {
        Set<PosixFilePermission> wide = EnumSet.noneOf(PosixFilePermission.class);
        wide.addAll(mode);
        wide.retainAll(GROUP_OR_OTHERS);
        return wide;
    }

    /** The sticky bit is not among Java's POSIX permissions; the JDK's "unix" view has the raw mode. */
    private static boolean sticky(Path dir) throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            // Cannot tell: judged as without, so the directory is refused (fail closed).
            return false;
        }
        return ((Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS) & STICKY) != 0;
    }

    private static boolean isRoot(Path path, UserPrincipal owner) throws IOException {
        try {
            return owner.equals(path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
        } catch (UserPrincipalNotFoundException e) {
            return false;
        }
    }
}
