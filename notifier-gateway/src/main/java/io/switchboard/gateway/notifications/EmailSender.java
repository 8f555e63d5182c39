package io.switchboard.gateway.notifications;

import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.util.Arrays;
import java.util.List;

/** Sends an email through SMTP (Spring Boot's {@code spring.mail.*}); none configured: every attempt fails, said so. */
public final class EmailSender {

    private final JavaMailSender mail;
    private final String from;

    public EmailSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    /** The addresses of a {@code mailto:} URL: {@code mailto:a@example.com,b@example.com}. */
    static List<String> addresses(String mailtoUrl) {
        String list = mailtoUrl.substring("mailto:".length());
        int query = list.indexOf('?');
        return Arrays.stream((query < 0 ? list : list.substring(0, query)).split(",")).map(String::trim)
                .filter(address -> !address.isEmpty()).toList();
    }

    /** Null when the SMTP server accepted it, else what went wrong. */
    String send(String mailtoUrl, EmailMessage message) {
        if (mail == null) {
            return "no SMTP server configured (spring.mail.host)";
        }
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(addresses(mailtoUrl).toArray(String[]::new));
            helper.setSubject(message.subject());
            helper.setText(message.text(), message.html());
            mail.send(mime);
            return null;
        } catch (Exception e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }
}
