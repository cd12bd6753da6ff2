/**
 * The address participants and staff use: a CloudFront distribution in front of the HTTP API,
 * so that the WAF web ACL (`EdgeProtection`), which cannot be attached to an API Gateway HTTP API,
 * sees every request. Nothing is cached (every answer is personal or `no-store`); every viewer
 * header but Host, every cookie and every query string reaches the API (Host must stay the API's
 * own, or API Gateway refuses the request).
 *
 * No CloudFront access log: a standard log line holds the client address and the full URI, and a
 * participant's URI is their link code.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';

/** What a relying party and the links need of the site: its base URL and its host. */
export interface SiteAddress {
  /** `https://<host>/`. */
  readonly url: string;
  /** The host of {@link url}, for URLs composed at synth around deploy-time values. */
  readonly host: string;
}

export interface CloudFrontToHttpApiProps {
  /** The HTTP API's host (`<api id>.execute-api.<region>.<url suffix>`), served at its `$default` stage. */
  readonly apiHost: string;

  /** The ARN of the CLOUDFRONT-scope WAF web ACL (made in us-east-1). */
  readonly webAclArn: string;
}

/** A CloudFront distribution that passes everything through to the HTTP API, behind a web ACL. */
export class CloudFrontToHttpApi extends Construct implements SiteAddress {
  public readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: CloudFrontToHttpApiProps) {
    super(scope, id);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'prepost: survey links, staff pages and the impact API',
      defaultBehavior: {
        origin: new origins.HttpOrigin(props.apiHost, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          // The API's own functions answer within 10 s; API Gateway gives up at 30.
          readTimeout: Duration.seconds(30),
        }),
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: true,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      webAclId: props.webAclArn,
      enableLogging: false,
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        "No access log by design: a CloudFront log line holds the client's address and the full URI, and a " +
        "participant's URI is their link code. The web ACL logs blocked staff requests, redacted.",
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        "The distribution's own *.cloudfront.net certificate lets CloudFront accept TLS 1.0 viewers; a minimum " +
        'of TLS 1.2 needs a custom domain and its ACM certificate, which a deployment adds with its domain.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Participants answer from wherever they are (migrants travel); no country is refused.',
    });
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }

  get host(): string {
    return this.distribution.distributionDomainName;
  }
}
