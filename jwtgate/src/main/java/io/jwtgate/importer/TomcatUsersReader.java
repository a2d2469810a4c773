package io.jwtgate.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Tomcat's {@code tomcat-users.xml} ({@code MemoryRealm}, {@code UserDatabaseRealm}):
 * {@code <user username="..." password="..." roles="a,b" groups="g"/>} under {@code <tomcat-users>},
 * in any namespace; older files name the user with {@code name=}. Roles need not be declared by
 * {@code <role>}; a {@code <group groupname= roles=>} declared above a user gives that user its roles.
 *
 * <p>Read as a stream (StAX) by the JDK's own parser with no DTD support and no external entities:
 * a file with a DOCTYPE is refused whole, which also refuses every entity declaration (billion
 * laughs, external entities); StAX knows no XInclude. A parse error names its line and column only,
 * since the parser's message may quote the file.
 */
public final class TomcatUsersReader implements UserFileReader {

    /**
     * Far beyond any real tomcat-users.xml (Tomcat itself reads the whole file into memory): 100 000
     * users at 300 bytes each (decision 386).
     */
    static final long MAX_FILE_BYTES = 32L * 1024 * 1024;
    /** One tag with its attributes, or one text between tags: a PBKDF2 digest stays under 1 KiB. */
    static final long MAX_MARKUP_BYTES = 64L * 1024;

    @Override
    public void read(InputStream in, Consumer<ImportLine> sink) throws IOException, ImportFileException {
        // The parser keeps a whole attribute in memory, however long: one 160 MB attribute was an
        // OutOfMemoryError. The input is bounded before the parser sees it.
        BoundedMarkupInput bounded = new BoundedMarkupInput(in, MAX_FILE_BYTES, MAX_MARKUP_BYTES);
        try {
            parse(bounded, sink);
        } catch (BoundedMarkupInput.LimitExceeded e) {
            throw tooLarge(bounded);
        } catch (ImportFileException e) {
            if (bounded.exceeded() != null) {
                throw tooLarge(bounded);
            }
            throw e;
        }
    }

    private static ImportFileException tooLarge(BoundedMarkupInput bounded) {
        return new ImportFileException("tomcat-users.xml is not read further: it " + bounded.exceeded()
                + ", far beyond any user entry");
    }

    private static void parse(InputStream in, Consumer<ImportLine> sink) throws IOException, ImportFileException {
        XMLStreamReader xml = null;
        int line = 0;
        int column = 0;
        try {
            xml = factory().createXMLStreamReader(in);
            Map<String, List<String>> groups = new HashMap<>();
            int depth = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                line = xml.getLocation().getLineNumber();
                column = xml.getLocation().getColumnNumber();
                if (event == XMLStreamConstants.DTD) {
                    throw new ImportFileException("tomcat-users.xml must not have a DOCTYPE (line " + line
                            + "): no DTD or entity declaration is read");
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = xml.getLocalName();
                    if (depth == 1 && !name.equals("tomcat-users")) {
                        throw new ImportFileException("the root element is not <tomcat-users> (line " + line + ")");
                    }
                    if (depth == 2 && name.equals("group")) {
                        String group = attribute(xml, "groupname");
                        if (group != null) {
                            groups.put(group, split(attribute(xml, "roles")));
                        }
                    } else if (depth == 2 && name.equals("user")) {
                        sink.accept(user(xml, line, groups));
                    }
                }
            }
        } catch (XMLStreamException e) {
            int at = e.getLocation() != null ? e.getLocation().getLineNumber() : line;
            int col = e.getLocation() != null ? e.getLocation().getColumnNumber() : column;
            throw new ImportFileException("tomcat-users.xml is not well-formed XML (line " + at + ", column " + col
                    + ")");
        } finally {
            close(xml);
        }
    }

    private static ImportLine user(XMLStreamReader xml, int line, Map<String, List<String>> groups) {
        String username = attribute(xml, "username");
        if (username == null) {
            username = attribute(xml, "name");
        }
        String password = attribute(xml, "password");
        if (username == null || username.isEmpty()) {
            return new ImportLine.Malformed(line, "username", "no username= (or name=) attribute");
        }
        if (password == null || password.isEmpty()) {
            return new ImportLine.Malformed(line, "password", "no password= attribute");
        }
        List<String> roles = new ArrayList<>(split(attribute(xml, "roles")));
        for (String group : split(attribute(xml, "groups"))) {
            List<String> groupRoles = groups.get(group);
            if (groupRoles == null) {
                return new ImportLine.Malformed(line, "groups", "names a group not declared above this user");
            }
            groupRoles.stream().filter(r -> !roles.contains(r)).forEach(roles::add);
        }
        return new ImportLine.Entry(line, username, null, roles, password);
    }

    private static String attribute(XMLStreamReader xml, String name) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String namespace = xml.getAttributeNamespace(i);
            if (xml.getAttributeLocalName(i).equals(name) && (namespace == null || namespace.isEmpty())) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    /** Tomcat's list attributes: comma-separated, each name trimmed, empty names dropped. */
    private static List<String> split(String list) {
        List<String> names = new ArrayList<>();
        if (list != null) {
            for (String name : list.split(",")) {
                if (!name.trim().isEmpty()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    private static XMLInputFactory factory() {
        // The JDK's parser, whatever else is on the class path, set up so that no DTD, entity
        // declaration or external resource is ever read.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not read");
        });
        return factory;
    }

    private static void close(XMLStreamReader xml) {
        if (xml != null) {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // Closing a reader over a stream the caller closes frees nothing we hold.
            }
        }
    }
}
