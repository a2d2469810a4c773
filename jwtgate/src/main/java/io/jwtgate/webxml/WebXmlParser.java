package io.jwtgate.webxml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DeclHandler;

/**
 * Reads the security elements of a {@code web.xml} of any version (2.3 with its DTD, 2.4 to 4.0 in
 * the Java EE namespaces, 5.0 to 6.1 in the Jakarta namespace): elements are matched by local
 * name, so the namespace does not matter.
 *
 * <p>The descriptor is untrusted input (an operator may run the command on a WAR from elsewhere):
 * at most {@link #MAX_BYTES} are read, nothing external is ever fetched (no DTD, schema or
 * external entity: the 2.3 DOCTYPE is skipped, not loaded), and a document that declares any entity
 * is refused, so neither XXE nor an entity bomb works.
 */
public final class WebXmlParser {

    /** Larger than any real deployment descriptor by far. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    /** RFC 9110 token: what an HTTP method name may be. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private WebXmlParser() {
    }

    /**
     * @param in the descriptor's bytes; read up to {@link #MAX_BYTES} + 1, not closed here
     * @param name how error messages name the file
     */
    public static WebXmlSecurity parse(InputStream in, String name) throws WebXmlException, IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new WebXmlException(name + " is larger than " + MAX_BYTES + " bytes; this is not a deployment descriptor");
        }
        Document document;
        try {
            refuseEntityDeclarations(bytes);
            DocumentBuilder builder = factory().newDocumentBuilder();
            // Nothing is resolved: a DOCTYPE's system id (web-app_2_3.dtd) or any other entity reads as empty.
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            builder.setErrorHandler(new Strict());
            document = builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            throw new WebXmlException(name + " is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + e.getMessage());
        } catch (SAXException | ParserConfigurationException e) {
            throw new WebXmlException(name + " cannot be parsed: " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (!"web-app".equals(localName(root))) {
            throw new WebXmlException(name + " has the root element <" + localName(root)
                    + ">, not <web-app>; give the application's WEB-INF/web.xml");
        }
        List<SecurityConstraint> constraints = new ArrayList<>();
        Set<String> roles = new LinkedHashSet<>();
        LoginConfig login = null;
        for (Element child : children(root)) {
            switch (localName(child)) {
                case "security-constraint" -> constraints.add(constraint(child, name, constraints.size() + 1));
                case "security-role" -> {
                    for (Element role : children(child, "role-name")) {
                        roles.add(text(role));
                    }
                }
                case "login-config" -> {
                    if (login != null) {
                        throw new WebXmlException(name + " has more than one <login-config>; a container refuses to deploy it");
                    }
                    login = new LoginConfig(optionalText(child, "auth-method"), optionalText(child, "realm-name"));
                }
                default -> {
                    // Not security: servlets, filters, listeners, ...
                }
            }
        }
        return new WebXmlSecurity(constraints, roles, login);
    }

    private static SecurityConstraint constraint(Element element, String name, int number) throws WebXmlException {
        String where = name + ": <security-constraint> number " + number;
        List<WebResourceCollection> collections = new ArrayList<>();
        for (Element collection : children(element, "web-resource-collection")) {
            List<String> patterns = new ArrayList<>();
            for (Element pattern : children(collection, "url-pattern")) {
                patterns.add(text(pattern));
            }
            if (patterns.isEmpty()) {
                throw new WebXmlException(where + " has a <web-resource-collection> without <url-pattern>");
            }
            Set<String> methods = methods(collection, "http-method", where);
            Set<String> omitted = methods(collection, "http-method-omission", where);
            if (!methods.isEmpty() && !omitted.isEmpty()) {
                throw new WebXmlException(where + " has a <web-resource-collection> with both <http-method> and"
                        + " <http-method-omission>; the schema allows one kind only");
            }
            collections.add(new WebResourceCollection(patterns, methods, omitted));
        }
        if (collections.isEmpty()) {
            throw new WebXmlException(where + " has no <web-resource-collection>");
        }
        List<Element> auth = children(element, "auth-constraint");
        if (auth.size() > 1) {
            throw new WebXmlException(where + " has more than one <auth-constraint>");
        }
        List<String> roles = null;
        if (!auth.isEmpty()) {
            roles = new ArrayList<>();
            for (Element role : children(auth.get(0), "role-name")) {
                roles.add(text(role));
            }
        }
        String guarantee = null;
        for (Element data : children(element, "user-data-constraint")) {
            guarantee = optionalText(data, "transport-guarantee");
        }
        return new SecurityConstraint(collections, roles, guarantee);
    }

    private static Set<String> methods(Element collection, String element, String where) throws WebXmlException {
        Set<String> methods = new LinkedHashSet<>();
        for (Element method : children(collection, element)) {
            String value = text(method);
            if (!TOKEN.matcher(value).matches()) {
                throw new WebXmlException(where + ": <" + element + "> '" + DescriptorText.printable(value)
                        + "' is not an HTTP method name");
            }
            methods.add(value);
        }
        return methods;
    }

    /**
     * A deployment descriptor declares no entity: refusing every declaration in the internal
     * subset rules out entity bombs and external entities before the document is built, rather
     * than relying on expansion limits alone.
     */
    private static void refuseEntityDeclarations(byte[] bytes) throws SAXException, IOException,
            ParserConfigurationException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        SAXParser parser = factory.newSAXParser();
        parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        parser.setProperty("http://xml.org/sax/properties/declaration-handler", new NoEntities());
        XMLReader reader = parser.getXMLReader();
        reader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        reader.setErrorHandler(new Strict());
        reader.parse(new InputSource(new ByteArrayInputStream(bytes)));
    }

    /** Stops the parse at the first entity declaration. */
    private static final class NoEntities implements DeclHandler {
        @Override
        public void elementDecl(String name, String model) {
            // harmless
        }

        @Override
        public void attributeDecl(String eName, String aName, String type, String mode, String value) {
            // harmless
        }

        @Override
        public void internalEntityDecl(String name, String value) throws SAXException {
            throw new SAXException("the descriptor declares the entity '" + name
                    + "'; deployment descriptors declare none, so it is refused");
        }

        @Override
        public void externalEntityDecl(String name, String publicId, String systemId) throws SAXException {
            internalEntityDecl(name, null);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        for (Element e : children(parent)) {
            if (localName.equals(localName(e))) {
                result.add(e);
            }
        }
        return result;
    }

    private static String optionalText(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : text(found.get(0));
    }

    /** Containers trim element text (schema type {@code xsd:token} for most of these). */
    private static String text(Element element) {
        return element.getTextContent().strip();
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getNodeName();
    }

    /** Warnings are ignored; errors end the parse with the parser's message. */
    private static final class Strict implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            // e.g. a note about the skipped DTD: nothing to act on
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
